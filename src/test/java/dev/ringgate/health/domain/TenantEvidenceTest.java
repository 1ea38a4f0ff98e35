package dev.ringgate.health.domain;

import static dev.ringgate.health.domain.RingCountsBuilder.aRing;
import static dev.ringgate.health.domain.RingCountsBuilder.canary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.release.domain.Gate;
import dev.ringgate.release.domain.Promotion;
import dev.ringgate.release.domain.Ring;
import dev.ringgate.release.domain.Selector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate weighed by tenant: no tenant forges a halt or hides one beyond its share. */
class TenantEvidenceTest {
  private static final Gate GATE = new Gate(0.01, 2.0, 0.02);
  private static final Ring CANARY = canary(GATE);
  private final TenantEvidence evidence = new TenantEvidence(new GateRules(GateSettings.DEFAULTS));

  private static TenantCounts healthy(String tenant, long devices, double fleetShare) {
    return new TenantCounts(tenant, aRing().atRisk(devices, devices).build(), devices, fleetShare);
  }

  private static TenantCounts crashing(String tenant, long devices, double fleetShare) {
    return new TenantCounts(
        tenant,
        aRing().atRisk(devices, devices).crashed(devices).recent(devices, devices).build(),
        devices,
        fleetShare);
  }

  @Test
  void aMinorityTenantWhoseDevicesAllCrashIsHaltedAloneAndTheRestGoesOn() {
    // Given 20 healthy devices of t1 and 8 crashing ones of t2 in the canary
    List<TenantCounts> ring = List.of(healthy("t1", 20, 20 / 28.0), crashing("t2", 8, 8 / 28.0));

    // When
    TenantEvidence.Result result = evidence.evaluate(CANARY, 90, ring);

    // Then: t2 is halted for itself; the rollout goes on, judged on t1 alone
    assertThat(result.tenantHalts()).containsOnlyKeys("t2");
    assertThat(result.tenantHalts().get("t2")).contains("8 of 28 established devices");
    assertThat(result.overall().verdict()).isNotEqualTo(Verdict.HALT);
    assertThat(result.weighed().atRisk()).isEqualTo(20);
    assertThat(result.weighed().crashed()).isZero();
    assertThat(result.tenants()).isEqualTo(1);
  }

  @Test
  void theOnlyTenantHeardFromIsStillHaltedAloneWhenItHoldsAMinorityOfTheRing() {
    // Given t1's 20 established devices have not checked in yet; t2's 8 crash at once
    List<TenantCounts> ring =
        List.of(
            new TenantCounts("t1", RingCounts.NONE, 20, 20 / 28.0), crashing("t2", 8, 8 / 28.0));

    // When
    TenantEvidence.Result result = evidence.evaluate(CANARY, 5, ring);

    // Then
    assertThat(result.tenantHalts()).containsOnlyKeys("t2");
    assertThat(result.overall().verdict()).isEqualTo(Verdict.WAIT);
  }

  @Test
  void aRingOfOneTenantHaltsGloballyAsBefore() {
    // Given
    List<TenantCounts> ring = List.of(crashing("lab", 8, 1));

    // When
    TenantEvidence.Result result = evidence.evaluate(CANARY, 5, ring);

    // Then
    assertThat(result.overall().verdict()).isEqualTo(Verdict.HALT);
    assertThat(result.tenantHalts()).isEmpty();
  }

  @Test
  void aMajorityTenantCarryingTheSignalHaltsEveryone() {
    // Given t1 holds 20 of 28 devices, and they crash
    List<TenantCounts> ring = List.of(crashing("t1", 20, 20 / 28.0), healthy("t2", 8, 8 / 28.0));

    // When
    TenantEvidence.Result result = evidence.evaluate(CANARY, 90, ring);

    // Then
    assertThat(result.overall().verdict()).isEqualTo(Verdict.HALT);
    assertThat(result.tenantHalts()).isEmpty();
  }

  @Test
  void aSignalSpreadOverSeveralTenantsHaltsEveryone() {
    // Given three tenants, each with 4 of 10 devices crashed: no single one carries it
    TenantCounts each =
        new TenantCounts("x", aRing().atRisk(10, 10).crashed(4).recent(10, 4).build(), 10, 1 / 3.0);
    List<TenantCounts> ring =
        List.of(
            new TenantCounts("t1", each.counts(), 10, 1 / 3.0),
            new TenantCounts("t2", each.counts(), 10, 1 / 3.0),
            new TenantCounts("t3", each.counts(), 10, 1 / 3.0));

    // When
    TenantEvidence.Result result = evidence.evaluate(CANARY, 90, ring);

    // Then
    assertThat(result.overall().verdict()).isEqualTo(Verdict.HALT);
  }

  @Test
  void aLargeTenantsHealthyDevicesDoNotHideASmallTenantsFailingOnes() {
    // Given 300 healthy devices of t2, and 4 of t1's 10 devices crashed
    List<TenantCounts> ring =
        List.of(
            healthy("t2", 300, 300 / 310.0),
            new TenantCounts("t1", aRing().atRisk(10, 10).crashed(4).build(), 10, 10 / 310.0));

    // When
    TenantEvidence.Result result = evidence.evaluate(CANARY, 90, ring);

    // Then: t1 is protected at least
    assertThat(result.tenantHalts()).containsKey("t1");
  }

  @Test
  void aTenantAboveItsFleetShareInARingCountsOnlyAtItsShare() {
    // Given t2 holds 8 of 28 canary devices but 8 of 2,008 devices of the product
    TenantCounts t1 = healthy("t1", 20, 2000 / 2008.0);
    TenantCounts t2 = crashing("t2", 8, 8 / 2008.0);

    // When
    double weight = TenantEvidence.weight(t2, List.of(t1, t2));
    RingCounts weighed = TenantEvidence.weighed(List.of(t1, t2), null, true);

    // Then: it expects 0.11 of the 28 devices, so its 8 devices weigh as one (a tenant always
    // counts one); t1's are untouched
    assertThat(weight).isCloseTo(1 / 8.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(TenantEvidence.weight(t1, List.of(t1, t2))).isEqualTo(1);
    assertThat(weighed.atRisk()).isEqualTo(21);
    assertThat(weighed.crashed()).isEqualTo(1);
  }

  @Test
  void aTenantsOneDeviceInASmallRingCountsInFull() {
    // Given a 20-device canary: 10 devices of a tenant holding half the fleet, and one device each
    // of 10 tenants holding 1/2,000 of it (each expects 0.02 devices there)
    List<TenantCounts> ring = new java.util.ArrayList<>();
    ring.add(healthy("big", 10, 0.5));
    for (int i = 0; i < 10; i++) {
      ring.add(healthy("t" + i, 1, 1 / 2000.0));
    }

    // When
    RingCounts weighed = TenantEvidence.weighed(ring, null, true);

    // Then: every device counts (scaling each small tenant to its 0.02 would weigh none of them)
    assertThat(weighed.atRisk()).isEqualTo(20);
  }

  @Test
  void aRingWithASelectorIsNotScaled() {
    // Given an early-access ring where t2 is over-represented by the plan's choice
    Ring early =
        new Ring("early", 10, new Selector(List.of(), true), 60, 10, 30, Promotion.AUTO, GATE);
    List<TenantCounts> ring =
        List.of(healthy("t1", 2, 2000 / 2008.0), crashing("t2", 8, 8 / 2008.0));

    // When
    TenantEvidence.Result result = evidence.evaluate(early, 5, ring);

    // Then: t2 holds the majority of the ring and its crashes halt everyone
    assertThat(result.overall().verdict()).isEqualTo(Verdict.HALT);
  }

  /** t1: 20 canary devices of which {@code crashed} crash, and 60 healthy control devices. */
  private static TenantCounts vendorFleet(long crashed) {
    RingCounts counts =
        aRing().atRisk(20, 20).crashed(crashed).recent(20, crashed).control(60, 60).build();
    return new TenantCounts("t1", counts, 20, 90 / 130.0, 90);
  }

  /** t2: no canary device, {@code devices} control devices of which {@code crashed} crash. */
  private static TenantCounts controlOnly(long devices, long crashed, long controlEstablished) {
    RingCounts counts = aRing().control(devices, devices).controlCrashed(crashed).build();
    return new TenantCounts("t2", counts, 0, 40 / 130.0, controlEstablished);
  }

  @Test
  void aMinorityTenantWhoseControlDevicesCrashCannotMaskTheCanarysCrashes() {
    // Given 9 of t1's 20 canary devices crash; t2, with 40 of 130 established control devices,
    // reports a crash on the previous version from each of its 30 control devices
    List<TenantCounts> ring = List.of(vendorFleet(9), controlOnly(30, 30, 40));

    // When
    TenantEvidence.Result result = evidence.evaluate(CANARY, 90, ring, 2);

    // Then the ring halts, judged against the baseline without t2, and for every tenant
    assertThat(result.overall().verdict()).isEqualTo(Verdict.HALT);
    assertThat(result.overall().detail())
        .startsWith("the baseline without tenant t2 (40 of 130 established control devices")
        .contains("≥ 800 (1/alpha)");
    assertThat(result.tenantHalts()).isEmpty();
  }

  @Test
  void aHealthyCanaryIsNotHaltedAgainstTheBaselineWithoutTheTenantWhoseControlCrashes() {
    // Given none of t1's canary devices crash; 2 of t2's 30 control devices crash
    List<TenantCounts> ring = List.of(vendorFleet(0), controlOnly(30, 2, 40));

    // When
    TenantEvidence.Result result = evidence.evaluate(CANARY, 90, ring, 2);

    // Then
    assertThat(result.overall().verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void theTenantHoldingMostOfTheControlsEstablishedDevicesIsTheBaseline() {
    // Given t2's crashing control devices stand for 200 of 290 established control devices
    List<TenantCounts> ring = List.of(vendorFleet(9), controlOnly(30, 30, 200));

    // When
    TenantEvidence.Result result = evidence.evaluate(CANARY, 90, ring, 2);

    // Then the canary is judged against the whole control, t2 included
    assertThat(result.overall().verdict()).isNotEqualTo(Verdict.HALT);
  }
}
