package dev.ringgate.relay.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.checkin.domain.Availability;
import dev.ringgate.checkin.domain.CheckinRequest;
import dev.ringgate.checkin.domain.Decider;
import dev.ringgate.checkin.domain.Decision;
import dev.ringgate.checkin.domain.ProductEntry;
import dev.ringgate.checkin.domain.Reason;
import dev.ringgate.checkin.domain.ReleaseEntry;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.policy.domain.FleetPolicies;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.rollout.domain.Admission;
import dev.ringgate.rollout.domain.Bucketing;
import dev.ringgate.rollout.domain.Ramp;
import dev.ringgate.rollout.domain.RingSchedule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The relay's local rules only ever narrow what the upstream's snapshot offers. */
class LocalRulesTest {
  private static final String PRODUCT = "agent";
  private static final long NOW = 1_800_000_000_000L;
  private static final long HOUR = 3_600_000L;

  /** 1.0.0 complete; 1.1.0 ramping over an hour from 0 to the whole fleet, started an hour ago. */
  private static Snapshot synced() {
    ReleaseEntry old =
        new ReleaseEntry(
            "rel-1.0.0",
            Versioning.SEMVER.parse("1.0.0"),
            Set.of("windows-x64"),
            null,
            Availability.COMPLETED,
            null,
            "rol-1",
            "\"x\":1");
    ReleaseEntry rolling =
        new ReleaseEntry(
            "rel-1.1.0",
            Versioning.SEMVER.parse("1.1.0"),
            Set.of("windows-x64"),
            null,
            Availability.IN_RINGS,
            new Admission(
                List.of(new RingSchedule("all", 0, 10_000, 120, Set.of(), false)),
                0,
                NOW - HOUR,
                Admission.NOT_FROZEN),
            "rol-2",
            "\"x\":2");
    return new Snapshot(
        7,
        Map.of(PRODUCT, new ProductEntry(PRODUCT, Versioning.SEMVER, List.of(old, rolling))),
        FleetPolicies.NONE);
  }

  /** A device the ramp admits after {@code NOW} but by {@code later}. */
  private static String deviceAdmittedBetween(long later) {
    int before = Ramp.admittedPositions(0, 10_000, 120, HOUR);
    int after = Ramp.admittedPositions(0, 10_000, 120, later - NOW + HOUR);
    for (int i = 0; ; i++) {
      int position = Bucketing.position(PRODUCT, "d" + i);
      if (position >= before && position < after) {
        return "d" + i;
      }
    }
  }

  private static Decision decide(Snapshot snapshot, String device, String current, long now) {
    return Decider.decide(
        snapshot,
        new CheckinRequest("t", device, PRODUCT, "windows-x64", null, current, Set.of()),
        now);
  }

  @Test
  void withoutLocalRulesTheSnapshotIsTheUpstreams() {
    Snapshot synced = synced();

    assertThat(LocalRules.apply(synced, false, Admission.NOT_FROZEN, Set.of())).isSameAs(synced);
  }

  @Test
  void aLocalStopOffersNothingNewButLetsRollbacksFlow() {
    // Given
    Snapshot stopped = LocalRules.apply(synced(), true, Admission.NOT_FROZEN, Set.of("rel-1.1.0"));

    // When
    Decision fresh = decide(stopped, "d-any", "1.0.0", NOW + 2 * HOUR);
    Decision onBad = decide(stopped, "d-any", "1.1.0", NOW);

    // Then
    assertThat(fresh.action()).isEqualTo(Action.STAY);
    assertThat(onBad.action()).isEqualTo(Action.ROLLBACK);
    assertThat(onBad.version()).isEqualTo("1.0.0");
  }

  @Test
  void rampsFrozenOfflineAdmitNoMoreThanAtTheLastContact() {
    // Given: a device the ramp reaches after the relay lost contact
    long later = NOW + HOUR * 9 / 10;
    String device = deviceAdmittedBetween(later);
    assertThat(decide(synced(), device, "1.0.0", later).action()).isEqualTo(Action.INSTALL);

    // When
    Snapshot frozen = LocalRules.apply(synced(), false, NOW, Set.of());

    // Then
    assertThat(decide(frozen, device, "1.0.0", later).action()).isEqualTo(Action.STAY);
    assertThat(decide(frozen, device, "1.0.0", later).reason()).isEqualTo(Reason.RING_NOT_REACHED);
  }

  @Test
  void aLocallyWithdrawnReleaseRollsItsDevicesBackToTheLastGoodVersion() {
    Snapshot withdrawn =
        LocalRules.apply(synced(), false, Admission.NOT_FROZEN, Set.of("rel-1.1.0"));

    Decision decision = decide(withdrawn, "d1", "1.1.0", NOW);

    assertThat(decision.action()).isEqualTo(Action.ROLLBACK);
    assertThat(decision.version()).isEqualTo("1.0.0");
    assertThat(decision.reason()).isEqualTo(Reason.ROLLED_BACK_RELEASE);
  }

  @Test
  void aStaleRelayTurnsAnInstallIntoAStayAndKeepsRollbacks() {
    Decision install = decide(synced(), "d-new", null, NOW + 3 * HOUR);
    Decision rollback =
        decide(
            LocalRules.apply(synced(), false, Admission.NOT_FROZEN, Set.of("rel-1.1.0")),
            "d1",
            "1.1.0",
            NOW);
    assertThat(install.action()).isEqualTo(Action.INSTALL);

    Decision stale = LocalRules.stale(install, null);

    assertThat(stale.action()).isEqualTo(Action.STAY);
    assertThat(stale.reason()).isEqualTo(Reason.RELAY_STALE);
    assertThat(stale.version()).isNull();
    assertThat(LocalRules.stale(rollback, "1.1.0")).isSameAs(rollback);
  }

  @Test
  void aLocalFreezeHoldsNewVersionsBackUntilItEnds() {
    // Given
    Snapshot frozen =
        LocalRules.apply(
            synced(),
            false,
            java.time.Instant.ofEpochMilli(NOW + 4 * HOUR),
            Admission.NOT_FROZEN,
            Set.of());

    // When
    Decision during = decide(frozen, "d-new", "1.0.0", NOW + 3 * HOUR);
    Decision after = decide(frozen, "d-new", "1.0.0", NOW + 5 * HOUR);

    // Then
    assertThat(during.action()).isEqualTo(Action.STAY);
    assertThat(during.reason()).isEqualTo(Reason.FROZEN);
    assertThat(after.action()).isEqualTo(Action.INSTALL);
  }

  @Test
  void aLocalPinHoldsDevicesAtThePinnedVersion() {
    // Given: upstream offers 1.1.0 to everyone by now
    ProductEntry product = synced().product(PRODUCT);
    Decision upgrade = decide(synced(), "d-new", "1.0.0", NOW + 3 * HOUR);
    Decision fresh = decide(synced(), "d-new", null, NOW + 3 * HOUR);
    assertThat(upgrade.action()).isEqualTo(Action.INSTALL);

    // When: pinned at 1.0.0, then at 1.1.0
    Decision held = LocalRules.pinned(upgrade, product, "1.0.0", "1.0.0");
    Decision heldFresh = LocalRules.pinned(fresh, product, "1.0.0", null);
    Decision atPin = LocalRules.pinned(upgrade, product, "1.1.0", "1.0.0");

    // Then: nothing above the pin; up to it, the upstream's answer unchanged
    assertThat(held.action()).isEqualTo(Action.STAY);
    assertThat(held.reason()).isEqualTo(Reason.PINNED);
    assertThat(held.version()).isEqualTo("1.0.0");
    assertThat(heldFresh.action()).isEqualTo(Action.STAY);
    assertThat(heldFresh.version()).isNull();
    assertThat(atPin).isSameAs(upgrade);
  }

  @Test
  void aLocalPinNeverOffersWhatTheUpstreamWouldNot() {
    // Given: a device the ramp has not reached yet, and a device on a withdrawn release
    ProductEntry product = synced().product(PRODUCT);
    String notYet = deviceAdmittedBetween(NOW + HOUR * 9 / 10);
    Decision waiting = decide(synced(), notYet, "1.0.0", NOW);
    Decision rollback =
        decide(
            LocalRules.apply(synced(), false, Admission.NOT_FROZEN, Set.of("rel-1.1.0")),
            "d1",
            "1.1.0",
            NOW);
    assertThat(waiting.action()).isEqualTo(Action.STAY);

    // When: pinned at the version upstream holds them back from, or above what they run
    Decision pinnedWaiting = LocalRules.pinned(waiting, product, "1.1.0", "1.0.0");
    Decision pinnedRollback = LocalRules.pinned(rollback, product, "1.1.0", "1.1.0");
    Decision pinnedBelow = LocalRules.pinned(rollback, product, "1.0.0", "1.1.0");

    // Then: the pin gives no install and keeps rollbacks
    assertThat(pinnedWaiting).isSameAs(waiting);
    assertThat(pinnedWaiting.reason()).isEqualTo(Reason.RING_NOT_REACHED);
    assertThat(pinnedRollback).isSameAs(rollback);
    assertThat(pinnedBelow.action()).isEqualTo(Action.ROLLBACK);
  }
}
