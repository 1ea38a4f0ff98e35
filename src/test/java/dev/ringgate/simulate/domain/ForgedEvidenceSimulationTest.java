package dev.ringgate.simulate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.health.domain.GateSettings;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.rollout.domain.Bucketing;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator weighs its fleet tenant by tenant, as the service does: a small tenant's made-up
 * devices in the canary can neither halt the rollout for everyone nor hide a bad release.
 */
class ForgedEvidenceSimulationTest {
  /** Four large STAGED tenants and a small one, who forges. */
  private static final Fleet FLEET =
      new Fleet(
          FleetSpec.standard(20_000),
          "sensor",
          3,
          List.of(
              tenant("tenant-a", 1),
              tenant("tenant-b", 1),
              tenant("tenant-c", 1),
              tenant("tenant-d", 1),
              tenant("tenant-small", 0.01)));

  private static final int CANARY_BP = RingPlan.defaultPlan().ring(0).shareBp();

  private static Fleet.Tenant tenant(String id, double weight) {
    return new Fleet.Tenant(id, weight, TenantPolicy.STAGED);
  }

  private static RinggateRule ringgate() {
    return new RinggateRule("ringgate", RingPlan.defaultPlan(), GateSettings.DEFAULTS, 3, 60);
  }

  private static Scenario forging(Scenario release, int devices, boolean crash) {
    return new Scenario(
        "forged-" + release.name(),
        release.crashRatio(),
        release.bootLoop(),
        release.silent(),
        release.oldAgentOnly(),
        release.lateShare(),
        release.burstHours(),
        release.nightOffShare(),
        release.bad(),
        devices,
        crash);
  }

  @Test
  void forgedDevicesHashIntoTheCanaryAndBelongToOneSmallTenant() {
    // When a tenant makes up 8 devices
    Fleet forged = FLEET.withForger(8, CANARY_BP);

    // Then they are established devices of the small tenant, all in the canary by position
    assertThat(forged.forgerId()).isEqualTo("tenant-small");
    assertThat(forged.size()).isEqualTo(FLEET.size() + 8);
    for (int d = FLEET.size(); d < forged.size(); d++) {
      assertThat(forged.forged(d)).isTrue();
      assertThat(forged.tenantId(d)).isEqualTo(forged.forgerId());
      assertThat(forged.position(d)).isLessThan(CANARY_BP * Bucketing.PER_BP);
    }
    assertThat(forged.forged(FLEET.size() - 1)).isFalse();
  }

  @Test
  void aTenantForgingCrashesInTheCanaryHaltsTheRolloutForItselfOnly() {
    // Given a healthy release, and a tenant whose 8 made-up canary devices (the real canary holds
    // about 20) report INSTALLED and CRASH when offered it
    Fleet fleet = FLEET.withForger(8, CANARY_BP);
    Scenario attack = forging(Scenario.HEALTHY, 8, true);

    // When the rollout runs for two days
    FleetRun.Result run = new FleetRun(fleet, attack, ringgate(), 4, 48).run();

    // Then the gate halts it for the forging tenant and no one else, and the rollout goes on
    assertThat(run.forgerHalted()).isTrue();
    assertThat(run.tenantsHalted()).isEqualTo(1);
    assertThat(run.stopped()).isFalse();
    assertThat(run.stage()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void forgedHealthyDevicesDoNotDiluteACatastrophicRelease() {
    // Given a release that boot-loops every installer, and a tenant whose 100 made-up canary
    // devices (five times the real canary) check in healthy on it
    Fleet fleet = FLEET.withForger(100, CANARY_BP);
    Scenario attack = forging(Scenario.CATASTROPHIC, 100, false);

    // When the rollout runs
    FleetRun.Result run = new FleetRun(fleet, attack, ringgate(), 11, 24).run();

    // Then the gate still rolls it back from the canary, a handful of real devices in
    assertThat(run.stopped()).isTrue();
    assertThat(run.reason()).startsWith("health gate:");
    assertThat(run.stage()).isZero();
    assertThat(run.blastRadius()).isBetween(1, 20);
  }
}
