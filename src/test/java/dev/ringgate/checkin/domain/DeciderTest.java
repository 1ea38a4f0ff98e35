package dev.ringgate.checkin.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.policy.domain.Channel;
import dev.ringgate.policy.domain.FleetPolicies;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.Version;
import dev.ringgate.release.domain.VersionRange;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.rollout.domain.Admission;
import dev.ringgate.rollout.domain.Bucketing;
import dev.ringgate.rollout.domain.RingSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision rule, case by case. */
class DeciderTest {
  private static final String PRODUCT = "sensor";
  private static final long T0 = 1_800_000_000_000L;
  private static final List<RingSchedule> RINGS =
      List.of(
          new RingSchedule("canary", 0, 10, 0, Set.of("lab"), false),
          new RingSchedule("early", 10, 100, 0, Set.of(), true),
          new RingSchedule("general", 100, 10_000, 0, Set.of(), false));

  private static Admission atRing(int ring) {
    return new Admission(RINGS, ring, T0, Admission.NOT_FROZEN);
  }

  private static ReleaseEntry release(
      String version, Availability availability, Admission admission) {
    return release(version, availability, admission, null);
  }

  private static ReleaseEntry release(
      String version, Availability availability, Admission admission, String requires) {
    return new ReleaseEntry(
        "rel-" + version,
        Versioning.SEMVER.parse(version),
        Set.of("windows-x64"),
        requires == null ? null : VersionRange.parse(requires, Versioning.SEMVER),
        availability,
        admission,
        "rol-" + version,
        "\"artifact\":{}");
  }

  private static Snapshot snapshot(ReleaseEntry... releases) {
    return new Snapshot(
        1,
        Map.of(PRODUCT, new ProductEntry(PRODUCT, Versioning.SEMVER, List.of(releases))),
        FleetPolicies.NONE);
  }

  /** A device id whose position lies in [from, to). */
  static String deviceAt(int from, int to) {
    for (int i = 0; ; i++) {
      String id = "device-" + i;
      int position = Bucketing.position(PRODUCT, id);
      if (position >= from && position < to) {
        return id;
      }
    }
  }

  private static CheckinRequest request(String device, String current) {
    return new CheckinRequest(
        "tenant",
        device,
        PRODUCT,
        "windows-x64",
        Versioning.SEMVER.parse("7.12.0"),
        current,
        Set.of());
  }

  private static Decision decide(Snapshot snapshot, CheckinRequest request) {
    return Decider.decide(snapshot, request, T0 + 60_000);
  }

  @Nested
  class Rings {
    @ParameterizedTest(name = "ring {0}: position {1} admitted = {2}")
    @CsvSource({
      "0, 999, true",
      "0, 1000, false",
      "1, 9999, true",
      "1, 10000, false",
      "2, 999999, true"
    })
    void aDeviceIsOfferedTheReleaseExactlyWhenItsRingIsReached(
        int ring, int position, boolean offered) {
      // Given
      String device = deviceAt(position, position + 1);
      Snapshot snapshot = snapshot(release("2.0.0", Availability.IN_RINGS, atRing(ring)));

      // When
      Decision decision = decide(snapshot, request(device, "1.0.0"));

      // Then
      assertThat(decision.action()).isEqualTo(offered ? Action.INSTALL : Action.STAY);
    }

    @Test
    void aDeviceInASelectedGroupIsOfferedTheCanaryWhateverItsPosition() {
      String device = deviceAt(500_000, 600_000);
      Snapshot snapshot = snapshot(release("2.0.0", Availability.IN_RINGS, atRing(0)));
      CheckinRequest lab =
          new CheckinRequest("t", device, PRODUCT, "windows-x64", null, "1.0.0", Set.of("lab"));

      assertThat(decide(snapshot, lab).action()).isEqualTo(Action.INSTALL);
    }

    @Test
    void anEarlyAccessTenantIsTakenInByTheRingThatSelectsIt() {
      String device = deviceAt(500_000, 600_000);
      Snapshot early =
          new Snapshot(
              1,
              snapshot(release("2.0.0", Availability.IN_RINGS, atRing(1))).products(),
              (t, p) -> TenantPolicy.of(Channel.EARLY_ACCESS));

      assertThat(decide(early, request(device, "1.0.0")).action()).isEqualTo(Action.INSTALL);
      assertThat(
              decide(
                      snapshot(release("2.0.0", Availability.IN_RINGS, atRing(1))),
                      request(device, "1.0.0"))
                  .action())
          .isEqualTo(Action.STAY);
    }

    @Test
    void aNotStartedOrPausedReleaseIsOfferedToNobody() {
      String device = deviceAt(0, 10);
      assertThat(
              decide(
                      snapshot(release("2.0.0", Availability.NOT_STARTED, null)),
                      request(device, null))
                  .action())
          .isEqualTo(Action.STAY);
      assertThat(
              decide(
                      snapshot(release("2.0.0", Availability.PAUSED, atRing(2))),
                      request(device, null))
                  .action())
          .isEqualTo(Action.STAY);
    }

    @Test
    void aCompletedReleaseIsOfferedToEveryone() {
      Decision decision =
          decide(
              snapshot(release("2.0.0", Availability.COMPLETED, atRing(2))),
              request(deviceAt(999_000, 1_000_000), null));

      assertThat(decision.action()).isEqualTo(Action.INSTALL);
      assertThat(decision.version()).isEqualTo("2.0.0");
    }
  }

  @Nested
  class Compatibility {
    @ParameterizedTest(name = "agent {0} against [7.11,7.16): offered = {1}")
    @CsvSource({"7.10.9, false", "7.11.0, true", "7.15.99, true", "7.16.0, false"})
    void aReleaseIsOfferedOnlyWithinItsAgentRange(String agent, boolean offered) {
      Snapshot snapshot = snapshot(release("2.0.0", Availability.COMPLETED, null, "[7.11,7.16)"));
      CheckinRequest request =
          new CheckinRequest(
              "t", "d", PRODUCT, "windows-x64", Versioning.SEMVER.parse(agent), null, Set.of());

      assertThat(decide(snapshot, request).action())
          .isEqualTo(offered ? Action.INSTALL : Action.STAY);
    }

    @Test
    void aDeviceThatDoesNotStateItsAgentVersionIsNotOfferedARestrictedRelease() {
      Snapshot snapshot = snapshot(release("2.0.0", Availability.COMPLETED, null, "[7.11,)"));
      CheckinRequest request =
          new CheckinRequest("t", "d", PRODUCT, "windows-x64", null, null, Set.of());

      assertThat(decide(snapshot, request).action()).isEqualTo(Action.STAY);
    }

    @Test
    void anotherPlatformIsNotOffered() {
      Snapshot snapshot = snapshot(release("2.0.0", Availability.COMPLETED, null));
      CheckinRequest linux =
          new CheckinRequest("t", "d", PRODUCT, "linux-x64", null, null, Set.of());
      CheckinRequest unknown = new CheckinRequest("t", "d", PRODUCT, null, null, null, Set.of());

      assertThat(decide(snapshot, linux).action()).isEqualTo(Action.STAY);
      assertThat(decide(snapshot, unknown).action()).isEqualTo(Action.STAY);
    }

    @Test
    void theNewestCompatibleReleaseIsChosen() {
      Snapshot snapshot =
          snapshot(
              release("3.0.0", Availability.COMPLETED, null, "[8.0,)"),
              release("2.0.0", Availability.COMPLETED, null, "[7.0,8.0)"));

      assertThat(decide(snapshot, request("d", "1.0.0")).version()).isEqualTo("2.0.0");
    }
  }

  @Nested
  class Withdrawn {
    @Test
    void aHaltedReleaseIsNoLongerOfferedAndItsDevicesStay() {
      String device = deviceAt(0, 10);
      Snapshot snapshot =
          snapshot(
              release("2.0.0", Availability.HALTED, atRing(2)),
              release("1.0.0", Availability.COMPLETED, null));

      assertThat(decide(snapshot, request(device, "1.0.0")).action()).isEqualTo(Action.STAY);
      Decision onHalted = decide(snapshot, request(device, "2.0.0"));
      assertThat(onHalted.action()).isEqualTo(Action.STAY);
      assertThat(onHalted.reason()).isEqualTo(Reason.HALTED_RELEASE);
    }

    @Test
    void devicesOnARolledBackReleaseReturnToTheLastGoodVersion() {
      Snapshot snapshot =
          snapshot(
              release("3.0.0", Availability.ROLLED_BACK, atRing(0)),
              release("2.0.0", Availability.HALTED, atRing(2)),
              release("1.5.0", Availability.COMPLETED, null, "[9.0,)"),
              release("1.0.0", Availability.COMPLETED, null));

      Decision decision = decide(snapshot, request("d", "3.0.0"));

      // 2.0.0 is halted and 1.5.0 does not run on agent 7.12: the last good one is 1.0.0
      assertThat(decision.action()).isEqualTo(Action.ROLLBACK);
      assertThat(decision.version()).isEqualTo("1.0.0");
      assertThat(decision.reason()).isEqualTo(Reason.ROLLED_BACK_RELEASE);
      assertThat(decision.target().deliveryJson()).isNotEmpty();
    }

    @Test
    void aRevokedReleaseIsNeverServedAndItsDevicesReturn() {
      Snapshot snapshot =
          snapshot(
              release("2.0.0", Availability.REVOKED, atRing(2)),
              release("1.0.0", Availability.COMPLETED, null));

      assertThat(decide(snapshot, request("d", null)).version()).isEqualTo("1.0.0");
      Decision onRevoked = decide(snapshot, request("d", "2.0.0"));
      assertThat(onRevoked.action()).isEqualTo(Action.ROLLBACK);
      assertThat(onRevoked.reason()).isEqualTo(Reason.REVOKED_RELEASE);
    }

    @Test
    void withoutAGoodEarlierReleaseTheDeviceIsToldToStay() {
      Snapshot snapshot = snapshot(release("2.0.0", Availability.REVOKED, atRing(2)));

      Decision decision = decide(snapshot, request("d", "2.0.0"));

      assertThat(decision.action()).isEqualTo(Action.STAY);
      assertThat(decision.reason()).isEqualTo(Reason.NO_ROLLBACK_TARGET);
    }

    @Test
    void aRollbackTargetMustHaveReachedTheDevice() {
      String outsideCanary = deviceAt(500_000, 600_000);
      Snapshot snapshot =
          snapshot(
              release("3.0.0", Availability.REVOKED, atRing(2)),
              release("2.0.0", Availability.IN_RINGS, atRing(0)),
              release("1.0.0", Availability.COMPLETED, null));

      assertThat(decide(snapshot, request(outsideCanary, "3.0.0")).version()).isEqualTo("1.0.0");
    }
  }

  @Nested
  class Versions {
    @Test
    void noReleaseIsADowngrade() {
      Snapshot snapshot = snapshot(release("2.0.0", Availability.COMPLETED, null));

      Decision decision = decide(snapshot, request("d", "2.5.0"));

      assertThat(decision.action()).isEqualTo(Action.STAY);
      assertThat(decision.version()).isEqualTo("2.5.0");
    }

    @Test
    void theCurrentVersionIsMatchedByPrecedence() {
      Snapshot snapshot = snapshot(release("2.0.0", Availability.COMPLETED, null));

      assertThat(decide(snapshot, request("d", "2.0")).action()).isEqualTo(Action.STAY);
    }

    @Test
    void aCurrentVersionThatIsNotOneOfTheProductsIsLeftAlone() {
      Snapshot snapshot = snapshot(release("2.0.0", Availability.COMPLETED, null));

      Decision decision = decide(snapshot, request("d", "not-a-version"));

      assertThat(decision.action()).isEqualTo(Action.STAY);
      assertThat(decision.reason()).isEqualTo(Reason.UNKNOWN_CURRENT);
    }

    @Test
    void aNewDeviceWithNothingOfferedIsToldToStayOnNothing() {
      Decision decision = decide(snapshot(), request("d", null));

      assertThat(decision.action()).isEqualTo(Action.STAY);
      assertThat(decision.version()).isNull();
    }
  }

  @Test
  void theAnswerIsTheSameOnEveryCall() {
    Snapshot snapshot = snapshot(release("2.0.0", Availability.IN_RINGS, atRing(1)));
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      actions.add(decide(snapshot, request("device-7", "1.0.0")).action());
    }
    assertThat(actions).containsOnly(actions.get(0));
    assertThat(Version.parse("2.0.0", Versioning.SEMVER))
        .isEqualTo(snapshot.product(PRODUCT).newestFirst().get(0).version());
  }
}
