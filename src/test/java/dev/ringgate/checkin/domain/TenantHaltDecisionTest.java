package dev.ringgate.checkin.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.policy.domain.FleetPolicies;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.rollout.domain.Admission;
import dev.ringgate.rollout.domain.RingSchedule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A rollout halted for one tenant: that tenant's devices only are held back or sent back. */
class TenantHaltDecisionTest {
  private static final String PRODUCT = "sensor";
  private static final long T0 = 1_800_000_000_000L;
  private static final Admission EVERYONE =
      new Admission(
          List.of(new RingSchedule("all", 0, 10_000, 0, Set.of(), false)),
          0,
          T0,
          Admission.NOT_FROZEN);

  private static ReleaseEntry release(
      String version, Availability availability, Set<String> halted, Availability tenantHalt) {
    return new ReleaseEntry(
        "rel-" + version,
        Versioning.SEMVER.parse(version),
        Set.of("windows-x64"),
        null,
        availability,
        availability == Availability.COMPLETED ? null : EVERYONE,
        "rol-" + version,
        "\"artifact\":{}",
        halted,
        tenantHalt);
  }

  private static Decision decide(ReleaseEntry newer, String tenant, String current) {
    Snapshot snapshot =
        new Snapshot(
            1,
            Map.of(
                PRODUCT,
                new ProductEntry(
                    PRODUCT,
                    Versioning.SEMVER,
                    List.of(release("1.0.0", Availability.COMPLETED, Set.of(), null), newer))),
            FleetPolicies.NONE);
    return Decider.decide(
        snapshot,
        new CheckinRequest(tenant, "d-1", PRODUCT, "windows-x64", null, current, Set.of()),
        T0 + 60_000);
  }

  @Test
  void theHaltedTenantIsRolledBackAndNotOfferedWhileOthersAre() {
    // Given 2.0.0 in its rings, rolled back for t2 only
    ReleaseEntry newer =
        release("2.0.0", Availability.IN_RINGS, Set.of("t2"), Availability.ROLLED_BACK);

    // When / Then
    assertThat(decide(newer, "t1", "1.0.0").action()).isEqualTo(Action.INSTALL);
    assertThat(decide(newer, "t2", "1.0.0").action()).isEqualTo(Action.STAY);
    Decision back = decide(newer, "t2", "2.0.0");
    assertThat(back.action()).isEqualTo(Action.ROLLBACK);
    assertThat(back.version()).isEqualTo("1.0.0");
    assertThat(back.reason()).isEqualTo(Reason.ROLLED_BACK_RELEASE);
    assertThat(decide(newer, "t1", "2.0.0").action()).isEqualTo(Action.STAY);
  }

  @Test
  void aPlanThatStopsOnHaltKeepsTheHaltedTenantsDevicesWhereTheyAre() {
    // Given
    ReleaseEntry newer = release("2.0.0", Availability.IN_RINGS, Set.of("t2"), Availability.HALTED);

    // When
    Decision running = decide(newer, "t2", "2.0.0");

    // Then
    assertThat(running.action()).isEqualTo(Action.STAY);
    assertThat(running.reason()).isEqualTo(Reason.HALTED_RELEASE);
    assertThat(decide(newer, "t2", "1.0.0").action()).isEqualTo(Action.STAY);
  }

  @Test
  void aGlobalStateBeyondTheRingsWinsOverTheTenantHalt() {
    // Given a release revoked after a tenant halt
    ReleaseEntry revoked =
        release("2.0.0", Availability.REVOKED, Set.of("t2"), Availability.HALTED);

    // When / Then
    assertThat(revoked.availabilityFor("t2")).isEqualTo(Availability.REVOKED);
    assertThat(revoked.availabilityFor("t1")).isEqualTo(Availability.REVOKED);
  }
}
