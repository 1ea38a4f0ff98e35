package dev.ringgate.simulate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.health.domain.GateSettings;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.RingPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetRunTest {
  /**
   * One STAGED tenant (a vendor's own fleet): the gate weighs it whole. Many small tenants in a
   * 20-device canary are weighed down to their share of the fleet (see
   * ForgedEvidenceSimulationTest).
   */
  private static final Fleet FLEET =
      new Fleet(
          FleetSpec.standard(20_000),
          "sensor",
          3,
          List.of(new Fleet.Tenant("vendor-fleet", 1, TenantPolicy.STAGED)));

  private static RinggateRule ringgate(RingPlan plan) {
    return new RinggateRule("ringgate", plan, GateSettings.DEFAULTS, 3, 60);
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    // Given two runs of the same scenario, rule and seed
    FleetRun.Result first =
        new FleetRun(FLEET, Scenario.CATASTROPHIC, ringgate(RingPlan.defaultPlan()), 7, 24).run();
    FleetRun.Result second =
        new FleetRun(FLEET, Scenario.CATASTROPHIC, ringgate(RingPlan.defaultPlan()), 7, 24).run();

    // Then they agree in everything but the wall time
    assertThat(second).usingRecursiveComparison().ignoringFields("wallSeconds").isEqualTo(first);
  }

  @Test
  void aCatastrophicReleaseIsRolledBackByTheGateWhileFewDevicesHaveIt() {
    // When every installer crashes within minutes
    FleetRun.Result run =
        new FleetRun(FLEET, Scenario.CATASTROPHIC, ringgate(RingPlan.defaultPlan()), 11, 24).run();

    // Then the health gate rolls it back from the canary, a handful of devices in
    assertThat(run.stopped()).isTrue();
    assertThat(run.reason()).startsWith("health gate:");
    assertThat(run.stage()).isZero();
    assertThat(run.blastRadius()).isBetween(1, 20);
    assertThat(run.minutesToStop()).isLessThan(120);
  }

  @Test
  void withoutAGateEveryDeviceIsOfferedTheBadRelease() {
    // When nothing stops a silent brick
    FleetRun.Result run = new FleetRun(FLEET, Scenario.SILENT_BRICK, new NoGateRule(), 5, 24).run();

    // Then it reaches (nearly) every device, all but those retired before their first poll, and
    // bricks them
    assertThat(run.stopped()).isFalse();
    assertThat(run.blastRadius()).isGreaterThan(19_900);
    assertThat(run.brokenDevices()).isGreaterThan(19_800);
  }

  @Test
  void aHealthyReleaseCompletesWithoutAHalt() {
    // When the release crashes no more than the baseline
    FleetRun.Result run =
        new FleetRun(FLEET, Scenario.HEALTHY, ringgate(RingPlan.defaultPlan()), 2, 14 * 24).run();

    // Then the rollout completes through every ring
    assertThat(run.stopped()).isFalse();
    assertThat(run.completed()).isTrue();
    assertThat(run.stage()).isEqualTo(RingPlan.defaultPlan().lastIndex());
  }

  /** Checks, at every poll, that a device in a ring not reached yet is told to stay. */
  private static final class Watched implements Rule {
    private final RinggateRule rule;
    int beyondReached;
    int violations;
    int controlRows;

    Watched(RinggateRule rule) {
      this.rule = rule;
    }

    @Override
    public Action poll(int device, boolean onRelease, long nowMillis) {
      boolean beyond = rule.wakeKey(device) > rule.stage() && !rule.done();
      boolean hadRow = rule.hasRow(device);
      Action action = rule.poll(device, onRelease, nowMillis);
      if (beyond) {
        beyondReached++;
        if (action != Action.STAY) {
          violations++;
        }
        if (!hadRow && rule.hasRow(device)) {
          controlRows++;
        }
      }
      return action;
    }

    @Override
    public String name() {
      return rule.name();
    }

    @Override
    public void start(Fleet fleet, long nowMillis, Pusher pusher) {
      rule.start(fleet, nowMillis, pusher);
    }

    @Override
    public int wakeKey(int device) {
      return rule.wakeKey(device);
    }

    @Override
    public int frontier() {
      return rule.frontier();
    }

    @Override
    public void installed(int device, long nowMillis) {
      rule.installed(device, nowMillis);
    }

    @Override
    public void crashReported(int device, boolean onRelease, long crashedAt, long nowMillis) {
      rule.crashReported(device, onRelease, crashedAt, nowMillis);
    }

    @Override
    public void tick(long nowMillis) {
      rule.tick(nowMillis);
    }

    @Override
    public String stopReason() {
      return rule.stopReason();
    }

    @Override
    public boolean done() {
      return rule.done();
    }
  }

  @Test
  void devicesBeyondTheRingsReachedAreToldToStayAndCountAsTheFleetControl() {
    // Given every device polling from the start
    Watched watched = new Watched(ringgate(RingPlan.defaultPlan()));

    // When a healthy release goes through its rings
    FleetRun.Result run = new FleetRun(FLEET, Scenario.HEALTHY, watched, 2, 14 * 24, true).run();

    // Then the real decision told every device of a ring not reached yet to stay, and their
    // check-ins made them control devices (the fleet control), as in the service
    assertThat(run.completed()).isTrue();
    assertThat(watched.beyondReached).isGreaterThan(100_000);
    assertThat(watched.violations).isZero();
    assertThat(watched.controlRows).isGreaterThan(10_000);
  }
}
