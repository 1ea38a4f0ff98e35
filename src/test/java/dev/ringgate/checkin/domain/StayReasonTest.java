package dev.ringgate.checkin.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.policy.domain.Channel;
import dev.ringgate.policy.domain.MaintenanceWindow;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.VersionRange;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.rollout.domain.Admission;
import dev.ringgate.rollout.domain.Bucketing;
import dev.ringgate.rollout.domain.RingSchedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A STAY names the rule that holds the device back: one test per reason code. */
class StayReasonTest {
  private static final String PRODUCT = "channel-files";
  private static final long NOW = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();
  private static final List<RingSchedule> RINGS =
      List.of(
          new RingSchedule("canary", 0, 10, 0, Set.of("lab"), false),
          new RingSchedule("general", 10, 10_000, 0, Set.of(), false));
  private static final String FAR_DEVICE = deviceAt(500_000, 900_000);

  private TenantPolicy policy = TenantPolicy.STAGED;
  private String platform = "windows-x64";
  private String agent = "7.12.0";
  private Set<String> groups = Set.of();

  private static String deviceAt(int from, int to) {
    for (int i = 0; ; i++) {
      String id = "device-" + i;
      int position = Bucketing.position(PRODUCT, id);
      if (position >= from && position < to) {
        return id;
      }
    }
  }

  private static ReleaseEntry release(String version, Availability availability, int ring) {
    return release(version, availability, ring, null);
  }

  private static ReleaseEntry release(
      String version, Availability availability, int ring, String requires) {
    Admission admission =
        availability == Availability.NOT_STARTED || availability == Availability.COMPLETED
            ? null
            : new Admission(RINGS, ring, NOW - 60_000, Admission.NOT_FROZEN);
    return new ReleaseEntry(
        "rel-" + version,
        Versioning.SEMVER.parse(version),
        Set.of("windows-x64", "linux-x64"),
        requires == null ? null : VersionRange.parse(requires, Versioning.SEMVER),
        availability,
        admission,
        "rol-" + version,
        "\"x\":1");
  }

  private CheckinRequest request(String current) {
    return new CheckinRequest(
        "tenant",
        FAR_DEVICE,
        PRODUCT,
        platform,
        agent == null ? null : Versioning.SEMVER.parse(agent),
        current,
        groups);
  }

  private Decision decide(String current, ReleaseEntry... releases) {
    TenantPolicy fleet = policy;
    Snapshot snapshot =
        new Snapshot(
            1,
            Map.of(PRODUCT, new ProductEntry(PRODUCT, Versioning.SEMVER, List.of(releases))),
            (tenant, product) -> fleet);
    return Decider.decide(snapshot, request(current), NOW);
  }

  @Test
  void anAgentOutsideTheReleasesRangeIsToldSoWithTheRangeInWords() {
    // Given a release for agents 7.11 up to 7.16, and a device whose agent is 7.10.0
    agent = "7.10.0";
    ReleaseEntry release = release("7.11.2", Availability.COMPLETED, 0, "[7.11,7.16)");

    // When
    Decision decision = decide(null, release);

    // Then
    assertThat(decision.action()).isEqualTo(Action.STAY);
    assertThat(decision.reason()).isEqualTo(Reason.AGENT_VERSION_OUT_OF_RANGE);
    assertThat(decision.subject()).isSameAs(release);
    assertThat(decision.reason().describe(decision.subject(), request(null)))
        .isEqualTo(
            "Release 7.11.2 needs an agent version 7.11 or later and below 7.16 ([7.11,7.16));"
                + " this device's agent is 7.10.0.");
  }

  @Test
  void aDeviceThatStatesNoAgentVersionIsToldItMustForARangedRelease() {
    // Given
    agent = null;

    // When
    Decision decision =
        decide("7.0.0", release("7.11.2", Availability.COMPLETED, 0, "[7.11,7.16)"));

    // Then
    assertThat(decision.reason()).isEqualTo(Reason.AGENT_VERSION_MISSING);
    assertThat(decision.reason().describe(decision.subject(), request("7.0.0")))
        .contains("did not state its agent version");
  }

  @Test
  void aPlatformTheReleaseIsNotBuiltForIsNamed() {
    // Given
    platform = "macos-arm64";

    // When
    Decision decision = decide("1.0.0", release("2.0.0", Availability.COMPLETED, 0));

    // Then
    assertThat(decision.reason()).isEqualTo(Reason.PLATFORM_NOT_SUPPORTED);
    assertThat(decision.reason().describe(decision.subject(), request("1.0.0")))
        .isEqualTo(
            "Release 2.0.0 runs on linux-x64, windows-x64, not on this device's platform"
                + " (macos-arm64).");
  }

  @Test
  void aRingNotReachedYetIsNamed() {
    assertThat(decide("1.0.0", release("2.0.0", Availability.IN_RINGS, 0)).reason())
        .isEqualTo(Reason.RING_NOT_REACHED);
  }

  @Test
  void aGroupsEarliestRingNotReachedYetIsARingNotReached() {
    // Given lab machines that the fleet holds back until the general ring
    policy =
        new TenantPolicy(
            Channel.STAGED,
            null,
            false,
            Map.of("lab", new dev.ringgate.policy.domain.GroupRule("general", false)),
            List.of(),
            null,
            false,
            Set.of());
    groups = Set.of("lab");

    // When
    Decision decision = decide("1.0.0", release("2.0.0", Availability.IN_RINGS, 0));

    // Then
    assertThat(decision.reason()).isEqualTo(Reason.RING_NOT_REACHED);
  }

  @Test
  void theGeneralChannelWaitsForTheFinalRing() {
    policy = TenantPolicy.of(Channel.GENERAL);
    groups = Set.of("lab");

    assertThat(decide("1.0.0", release("2.0.0", Availability.IN_RINGS, 0)).reason())
        .isEqualTo(Reason.GENERAL_CHANNEL_WAITS);
  }

  @Test
  void theNMinusOneChannelStaysOneBehind() {
    // Given one completed release only: there is no N-1 yet
    policy = TenantPolicy.of(Channel.N_MINUS_1);

    // When
    Decision decision = decide("1.0.0", release("2.0.0", Availability.COMPLETED, 0));

    // Then
    assertThat(decision.reason()).isEqualTo(Reason.N_MINUS_1_CHANNEL);
  }

  @Test
  void aPendingApprovalIsNamed() {
    policy = approvalRequired(Set.of(), Set.of());

    assertThat(decide("1.0.0", release("2.0.0", Availability.COMPLETED, 0)).reason())
        .isEqualTo(Reason.AWAITING_APPROVAL);
  }

  @Test
  void aRejectedApprovalIsNamed() {
    policy = approvalRequired(Set.of(), Set.of("rel-2.0.0"));

    assertThat(decide("1.0.0", release("2.0.0", Availability.COMPLETED, 0)).reason())
        .isEqualTo(Reason.APPROVAL_REJECTED);
  }

  @Test
  void aMaintenanceWindowIsNamed() {
    policy =
        new TenantPolicy(
            Channel.STAGED,
            null,
            false,
            Map.of(),
            List.of(
                new MaintenanceWindow(
                    Set.of(DayOfWeek.SUNDAY),
                    LocalTime.of(1, 0),
                    LocalTime.of(2, 0),
                    ZoneOffset.UTC)),
            null,
            false,
            Set.of());

    Decision decision = decide("1.0.0", release("2.0.0", Availability.COMPLETED, 0));

    assertThat(decision.reason()).isEqualTo(Reason.OUTSIDE_WINDOW);
    assertThat(decision.subject().version().text()).isEqualTo("2.0.0");
  }

  @Test
  void aFreezeIsNamed() {
    policy =
        new TenantPolicy(
            Channel.STAGED,
            null,
            false,
            Map.of(),
            List.of(),
            Instant.ofEpochMilli(NOW).plusSeconds(3600),
            false,
            Set.of());

    assertThat(decide("1.0.0", release("2.0.0", Availability.COMPLETED, 0)).reason())
        .isEqualTo(Reason.FROZEN);
  }

  @Test
  void theFleetsStopIsNamed() {
    policy = TenantPolicy.STAGED.stopped(true);

    assertThat(decide("1.0.0", release("2.0.0", Availability.COMPLETED, 0)).reason())
        .isEqualTo(Reason.TENANT_STOPPED);
  }

  @Test
  void aPinIsNamed() {
    policy =
        new TenantPolicy(
            Channel.PINNED, "1.0.0", false, Map.of(), List.of(), null, false, Set.of());

    assertThat(
            decide(
                    "1.0.0",
                    release("1.0.0", Availability.COMPLETED, 0),
                    release("2.0.0", Availability.COMPLETED, 0))
                .reason())
        .isEqualTo(Reason.PINNED);
  }

  @Test
  void aRolloutNotStartedIsNamed() {
    assertThat(decide("1.0.0", release("2.0.0", Availability.NOT_STARTED, 0)).reason())
        .isEqualTo(Reason.ROLLOUT_NOT_STARTED);
  }

  @Test
  void aPausedRolloutIsNamed() {
    groups = Set.of("lab");

    assertThat(decide("1.0.0", release("2.0.0", Availability.PAUSED, 1)).reason())
        .isEqualTo(Reason.ROLLOUT_PAUSED);
  }

  @Test
  void aHaltedRolloutIsNamed() {
    assertThat(decide("1.0.0", release("2.0.0", Availability.HALTED, 1)).reason())
        .isEqualTo(Reason.ROLLOUT_HALTED);
  }

  @Test
  void aRolledBackRolloutAboveTheDeviceIsAHaltedOne() {
    assertThat(decide("1.0.0", release("2.0.0", Availability.ROLLED_BACK, 1)).reason())
        .isEqualTo(Reason.ROLLOUT_HALTED);
  }

  @Test
  void aSupersededRolloutIsNamed() {
    assertThat(decide("1.0.0", release("2.0.0", Availability.SUPERSEDED, 1)).reason())
        .isEqualTo(Reason.ROLLOUT_SUPERSEDED);
  }

  @Test
  void theNewestReleaseIsTheOneExplained() {
    // Given a completed 2.0.0 the device may not run, and a 3.0.0 whose rollout is in the canary
    agent = "7.0.0";
    ReleaseEntry newest = release("3.0.0", Availability.IN_RINGS, 0);

    // When
    Decision decision =
        decide("1.0.0", newest, release("2.0.0", Availability.COMPLETED, 0, "[7.11,)"));

    // Then
    assertThat(decision.reason()).isEqualTo(Reason.RING_NOT_REACHED);
    assertThat(decision.subject()).isSameAs(newest);
  }

  @Test
  void aRevokedReleaseIsNotExplainedAsIfItCouldCome() {
    assertThat(decide("1.0.0", release("2.0.0", Availability.REVOKED, 1)).reason())
        .isEqualTo(Reason.UP_TO_DATE);
  }

  @Test
  void aDeviceOnTheNewestReleaseIsUpToDate() {
    Decision decision = decide("2.0.0", release("2.0.0", Availability.COMPLETED, 0));

    assertThat(decision.reason()).isEqualTo(Reason.UP_TO_DATE);
    assertThat(decision.subject()).isNull();
  }

  @Test
  void aNewDeviceOfAProductWithoutReleasesHasNoRelease() {
    assertThat(decide(null).reason()).isEqualTo(Reason.NO_RELEASE);
  }

  @Test
  void everyReasonCodeHasWordsWithoutAnUnfilledPlaceholder() {
    // Given a release with a range and a device request
    ReleaseEntry release = release("2.0.0", Availability.COMPLETED, 0, "[7.11,)");

    for (Reason reason : Reason.values()) {
      // When
      String words = reason.describe(release, request("1.0.0"));

      // Then
      assertThat(words).as(reason.name()).isNotBlank().doesNotContain("{").endsWith(".");
    }
  }

  private static TenantPolicy approvalRequired(Set<String> approved, Set<String> rejected) {
    return new TenantPolicy(
        Channel.STAGED, null, true, Map.of(), List.of(), null, false, approved, rejected);
  }
}
