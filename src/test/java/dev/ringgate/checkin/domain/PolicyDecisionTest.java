package dev.ringgate.checkin.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.policy.domain.Channel;
import dev.ringgate.policy.domain.GroupRule;
import dev.ringgate.policy.domain.MaintenanceWindow;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.rollout.domain.Admission;
import dev.ringgate.rollout.domain.Bucketing;
import dev.ringgate.rollout.domain.RingSchedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision under each tenant policy: channels, pins, groups, windows, freeze, stop, approvals.
 */
class PolicyDecisionTest {
  private static final String PRODUCT = "channel-files";
  private static final long NOW = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();
  private static final List<RingSchedule> RINGS =
      List.of(
          new RingSchedule("canary", 0, 10, 0, Set.of(), true),
          new RingSchedule("broad", 10, 1_000, 0, Set.of(), false),
          new RingSchedule("general", 1_000, 10_000, 0, Set.of(), false));

  private static ReleaseEntry release(String version, Availability availability, int ring) {
    Admission admission =
        availability == Availability.IN_RINGS
            ? new Admission(RINGS, ring, NOW - 60_000, Admission.NOT_FROZEN)
            : null;
    return new ReleaseEntry(
        "rel-" + version,
        Versioning.SEMVER.parse(version),
        Set.of("windows-x64"),
        null,
        availability,
        admission,
        "rol-" + version,
        "\"x\":1");
  }

  private static Decision decide(
      TenantPolicy policy,
      String device,
      String current,
      Set<String> groups,
      long now,
      ReleaseEntry... releases) {
    Snapshot snapshot =
        new Snapshot(
            1,
            Map.of(PRODUCT, new ProductEntry(PRODUCT, Versioning.SEMVER, List.of(releases))),
            (t, p) -> policy);
    return Decider.decide(
        snapshot,
        new CheckinRequest("t", device, PRODUCT, "windows-x64", null, current, groups),
        now);
  }

  private static Decision decide(TenantPolicy policy, String current, ReleaseEntry... releases) {
    return decide(policy, "d", current, Set.of(), NOW, releases);
  }

  private static String deviceAtBp(int from, int to) {
    for (int i = 0; ; i++) {
      int bucket = Bucketing.bucket(PRODUCT, "dev-" + i);
      if (bucket >= from && bucket < to) {
        return "dev-" + i;
      }
    }
  }

  private static TenantPolicy with(
      TenantPolicy base,
      Map<String, GroupRule> groups,
      List<MaintenanceWindow> windows,
      Instant freeze,
      boolean stopped,
      boolean approval,
      Set<String> approved) {
    return new TenantPolicy(
        base.channel(), base.pinnedVersion(), approval, groups, windows, freeze, stopped, approved);
  }

  @Test
  void generalWaitsForTheFinalRing() {
    String device = deviceAtBp(0, 10);
    TenantPolicy general = TenantPolicy.of(Channel.GENERAL);

    assertThat(
            decide(
                    general,
                    device,
                    "1.0.0",
                    Set.of(),
                    NOW,
                    release("2.0.0", Availability.IN_RINGS, 1))
                .action())
        .isEqualTo(Action.STAY);
    assertThat(
            decide(
                    general,
                    device,
                    "1.0.0",
                    Set.of(),
                    NOW,
                    release("2.0.0", Availability.IN_RINGS, 2))
                .action())
        .isEqualTo(Action.INSTALL);
    assertThat(
            decide(
                    TenantPolicy.STAGED,
                    device,
                    "1.0.0",
                    Set.of(),
                    NOW,
                    release("2.0.0", Availability.IN_RINGS, 0))
                .action())
        .isEqualTo(Action.INSTALL);
  }

  @Test
  void earlyAccessTenantsAreTakenInByTheRingThatSelectsThem() {
    String device = deviceAtBp(5_000, 6_000);
    ReleaseEntry canary = release("2.0.0", Availability.IN_RINGS, 0);

    assertThat(
            decide(TenantPolicy.of(Channel.EARLY_ACCESS), device, "1.0.0", Set.of(), NOW, canary)
                .action())
        .isEqualTo(Action.INSTALL);
    assertThat(decide(TenantPolicy.STAGED, device, "1.0.0", Set.of(), NOW, canary).action())
        .isEqualTo(Action.STAY);
  }

  @ParameterizedTest(name = "N-1 with {0} completed release(s): {1}")
  @CsvSource({"0, STAY, 1.0.0", "1, STAY, 1.0.0", "2, INSTALL, 2.0.0", "3, INSTALL, 3.0.0"})
  void nMinusOneFollowsOneReleaseBehindTheNewestCompleted(
      int completed, Action action, String version) {
    ReleaseEntry[] releases = {
      release("4.0.0", completed >= 3 ? Availability.COMPLETED : Availability.IN_RINGS, 2),
      release("3.0.0", completed >= 2 ? Availability.COMPLETED : Availability.IN_RINGS, 2),
      release("2.0.0", completed >= 1 ? Availability.COMPLETED : Availability.IN_RINGS, 2),
      release("1.0.0", Availability.NOT_STARTED, 0)
    };
    if (completed == 3) {
      releases[2] = release("2.0.0", Availability.COMPLETED, 2);
    }

    Decision decision = decide(TenantPolicy.of(Channel.N_MINUS_1), "1.0.0", releases);

    assertThat(decision.action()).isEqualTo(action);
    assertThat(decision.version()).isEqualTo(version);
  }

  @Test
  void nMinusOneNeverDowngrades() {
    Decision decision =
        decide(
            TenantPolicy.of(Channel.N_MINUS_1),
            "3.0.0",
            release("3.0.0", Availability.COMPLETED, 2),
            release("2.0.0", Availability.COMPLETED, 2));

    assertThat(decision.action()).isEqualTo(Action.STAY);
  }

  @Test
  void aPinUpIsAnInstallAndAPinDownIsARollback() {
    TenantPolicy pin =
        new TenantPolicy(
            Channel.PINNED, "2.0.0", false, Map.of(), List.of(), null, false, Set.of());
    ReleaseEntry[] releases = {
      release("3.0.0", Availability.COMPLETED, 2),
      release("2.0.0", Availability.COMPLETED, 2),
      release("1.0.0", Availability.COMPLETED, 2)
    };

    assertThat(decide(pin, "1.0.0", releases).action()).isEqualTo(Action.INSTALL);
    Decision down = decide(pin, "3.0.0", releases);
    assertThat(down.action()).isEqualTo(Action.ROLLBACK);
    assertThat(down.version()).isEqualTo("2.0.0");
    assertThat(down.reason()).isEqualTo(Reason.PINNED_DOWN);
    assertThat(decide(pin, "2.0.0", releases).reason()).isEqualTo(Reason.PINNED);
  }

  @Test
  void aRevokedPinIsNeverServed() {
    TenantPolicy pin =
        new TenantPolicy(
            Channel.PINNED, "2.0.0", false, Map.of(), List.of(), null, false, Set.of());

    Decision decision =
        decide(
            pin,
            "1.0.0",
            release("2.0.0", Availability.REVOKED, 2),
            release("1.0.0", Availability.COMPLETED, 2));

    assertThat(decision.action()).isEqualTo(Action.STAY);
  }

  @Test
  void aGroupsEarliestRingHoldsItsDevicesBackAndBringsLabMachinesForward() {
    String canaryDevice = deviceAtBp(0, 10);
    String lateDevice = deviceAtBp(9_000, 10_000);
    TenantPolicy groups =
        with(
            TenantPolicy.STAGED,
            Map.of(
                "critical", new GroupRule("general", false), "lab", new GroupRule("canary", false)),
            List.of(),
            null,
            false,
            false,
            Set.of());
    ReleaseEntry inCanary = release("2.0.0", Availability.IN_RINGS, 0);

    assertThat(decide(groups, canaryDevice, "1.0.0", Set.of("critical"), NOW, inCanary).action())
        .isEqualTo(Action.STAY);
    assertThat(decide(groups, lateDevice, "1.0.0", Set.of("lab"), NOW, inCanary).action())
        .isEqualTo(Action.INSTALL);
    assertThat(
            decide(groups, canaryDevice, "1.0.0", Set.of("unknown-group"), NOW, inCanary).action())
        .isEqualTo(Action.INSTALL);
    assertThat(
            decide(
                    groups,
                    canaryDevice,
                    "1.0.0",
                    Set.of("critical"),
                    NOW,
                    release("2.0.0", Availability.IN_RINGS, 2))
                .action())
        .isEqualTo(Action.INSTALL);
  }

  @Test
  void aWindowAcrossMidnightBelongsToTheDayItStarts() {
    MaintenanceWindow fridayNight =
        new MaintenanceWindow(
            Set.of(DayOfWeek.FRIDAY),
            LocalTime.of(22, 0),
            LocalTime.of(4, 0),
            ZoneId.of("Europe/Berlin"));

    assertThat(fridayNight.contains(Instant.parse("2026-11-27T21:30:00Z")))
        .isTrue(); // Fri 22:30 CET
    assertThat(fridayNight.contains(Instant.parse("2026-11-28T02:30:00Z"))).isTrue(); // Sat 03:30
    assertThat(fridayNight.contains(Instant.parse("2026-11-28T03:30:00Z"))).isFalse(); // Sat 04:30
    assertThat(fridayNight.contains(Instant.parse("2026-11-26T22:30:00Z"))).isFalse(); // Thu 23:30
  }

  @Test
  void aWindowFollowsDaylightSavingTime() {
    MaintenanceWindow sundayEarly =
        new MaintenanceWindow(
            Set.of(DayOfWeek.SUNDAY),
            LocalTime.of(1, 0),
            LocalTime.of(4, 0),
            ZoneId.of("Europe/Berlin"));

    // 29 March 2026: clocks jump from 02:00 to 03:00 CET->CEST; 01:30Z is 03:30 CEST, inside
    assertThat(sundayEarly.contains(Instant.parse("2026-03-29T01:30:00Z"))).isTrue();
    // 02:30Z is 04:30 CEST, outside (in winter time it would have been 03:30, inside)
    assertThat(sundayEarly.contains(Instant.parse("2026-03-29T02:30:00Z"))).isFalse();
    assertThat(sundayEarly.contains(Instant.parse("2026-03-22T02:30:00Z"))).isTrue();
  }

  @Test
  void outsideEveryWindowNothingNewIsInstalledButRollbacksFlow() {
    MaintenanceWindow night =
        new MaintenanceWindow(
            Set.of(DayOfWeek.values()), LocalTime.of(22, 0), LocalTime.of(4, 0), ZoneId.of("UTC"));
    TenantPolicy windows =
        with(TenantPolicy.STAGED, Map.of(), List.of(night), null, false, false, Set.of());

    Decision noon = decide(windows, "1.0.0", release("2.0.0", Availability.COMPLETED, 2));
    assertThat(noon.action()).isEqualTo(Action.STAY);
    assertThat(noon.reason()).isEqualTo(Reason.OUTSIDE_WINDOW);
    long midnight = Instant.parse("2026-11-25T23:00:00Z").toEpochMilli();
    assertThat(
            decide(
                    windows,
                    "d",
                    "1.0.0",
                    Set.of(),
                    midnight,
                    release("2.0.0", Availability.COMPLETED, 2))
                .action())
        .isEqualTo(Action.INSTALL);
    assertThat(
            decide(
                    windows,
                    "2.0.0",
                    release("2.0.0", Availability.REVOKED, 2),
                    release("1.0.0", Availability.COMPLETED, 2))
                .action())
        .isEqualTo(Action.ROLLBACK);
  }

  @Test
  void aFreezeHoldsNewVersionsUntilItEnds() {
    TenantPolicy frozen =
        with(
            TenantPolicy.STAGED,
            Map.of(),
            List.of(),
            Instant.ofEpochMilli(NOW + 3_600_000),
            false,
            false,
            Set.of());

    assertThat(decide(frozen, "1.0.0", release("2.0.0", Availability.COMPLETED, 2)).reason())
        .isEqualTo(Reason.FROZEN);
    assertThat(
            decide(
                    frozen,
                    "d",
                    "1.0.0",
                    Set.of(),
                    NOW + 3_600_000,
                    release("2.0.0", Availability.COMPLETED, 2))
                .action())
        .isEqualTo(Action.INSTALL);
  }

  @Test
  void aFreezeAtTheFarEndOfTimeHoldsInstallsWithoutOverflowing() {
    // Given: a freeze stored before times were bounded, beyond what epoch milliseconds can hold
    TenantPolicy frozen =
        with(TenantPolicy.STAGED, Map.of(), List.of(), Instant.MAX, false, false, Set.of());

    // When
    Reason reason = Decider.blocksInstalls(frozen, NOW);

    // Then
    assertThat(reason).isEqualTo(Reason.FROZEN);
  }

  @Test
  void theEmergencyStopOffersNothingNewButLetsRollbacksFlow() {
    TenantPolicy stopped =
        with(TenantPolicy.STAGED, Map.of(), List.of(), null, true, false, Set.of());

    assertThat(decide(stopped, "1.0.0", release("2.0.0", Availability.COMPLETED, 2)).reason())
        .isEqualTo(Reason.TENANT_STOPPED);
    assertThat(
            decide(
                    stopped,
                    "2.0.0",
                    release("2.0.0", Availability.ROLLED_BACK, 2),
                    release("1.0.0", Availability.COMPLETED, 2))
                .action())
        .isEqualTo(Action.ROLLBACK);
  }

  @Test
  void aReleaseNeedingApprovalWaitsForIt() {
    TenantPolicy pending =
        with(TenantPolicy.STAGED, Map.of(), List.of(), null, false, true, Set.of());
    TenantPolicy approved =
        with(TenantPolicy.STAGED, Map.of(), List.of(), null, false, true, Set.of("rel-2.0.0"));

    assertThat(decide(pending, "1.0.0", release("2.0.0", Availability.COMPLETED, 2)).action())
        .isEqualTo(Action.STAY);
    assertThat(decide(approved, "1.0.0", release("2.0.0", Availability.COMPLETED, 2)).action())
        .isEqualTo(Action.INSTALL);
  }

  @Test
  void aGroupWithItsOwnApprovalWaitsForTheGroupsApproval() {
    Map<String, GroupRule> rules = Map.of("icu", new GroupRule(null, true));
    TenantPolicy tenantApproved =
        with(TenantPolicy.STAGED, rules, List.of(), null, false, false, Set.of("rel-2.0.0"));
    TenantPolicy groupApproved =
        with(TenantPolicy.STAGED, rules, List.of(), null, false, false, Set.of("rel-2.0.0/icu"));

    assertThat(
            decide(
                    tenantApproved,
                    "d",
                    "1.0.0",
                    Set.of("icu"),
                    NOW,
                    release("2.0.0", Availability.COMPLETED, 2))
                .action())
        .isEqualTo(Action.STAY);
    assertThat(
            decide(
                    groupApproved,
                    "d",
                    "1.0.0",
                    Set.of("icu"),
                    NOW,
                    release("2.0.0", Availability.COMPLETED, 2))
                .action())
        .isEqualTo(Action.INSTALL);
    assertThat(
            decide(
                    tenantApproved,
                    "d",
                    "1.0.0",
                    Set.of(),
                    NOW,
                    release("2.0.0", Availability.COMPLETED, 2))
                .action())
        .isEqualTo(Action.INSTALL);
  }
}
