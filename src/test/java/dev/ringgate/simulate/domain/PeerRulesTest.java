package dev.ringgate.simulate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.rollout.domain.Bucketing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The peers' rules do what their documentation says, with its defaults. */
class PeerRulesTest {
  private static final Fleet FLEET = new Fleet(FleetSpec.standard(10_000), "sensor", 1, null);
  private static final long T0 = FleetRun.START_MILLIS;
  private static final long MINUTE = 60_000;

  private static List<Integer> inGroup(int from, int to, int groups) {
    List<Integer> devices = new ArrayList<>();
    for (int i = 0; i < FLEET.size(); i++) {
      int group = (int) ((long) FLEET.position(i) * groups / Bucketing.POSITIONS);
      if (group >= from && group < to) {
        devices.add(i);
      }
    }
    return devices;
  }

  @Test
  void hawkbitStartsTheNextGroupWhenHalfOfTheCurrentOneFinished() {
    // Given hawkBit's defaults: five groups, next group at 50 % finished
    HawkbitRule rule = HawkbitRule.defaults();
    rule.start(FLEET, T0, device -> {});
    List<Integer> first = inGroup(0, 1, 5);
    int second = inGroup(1, 2, 5).get(0);
    assertThat(rule.poll(second, false, T0)).isEqualTo(Action.STAY);

    // When half of the first group reports a finished install
    for (int k = 0; k < (first.size() + 1) / 2; k++) {
      rule.installed(first.get(k), T0);
    }
    rule.tick(T0 + MINUTE);

    // Then the second group is offered the release
    assertThat(rule.poll(second, false, T0 + MINUTE)).isEqualTo(Action.INSTALL);
    assertThat(rule.stopReason()).isNull();
  }

  @Test
  void hawkbitPausesWhenMoreThanHalfOfAGroupIsInError() {
    // Given the first group running
    HawkbitRule rule = HawkbitRule.defaults();
    rule.start(FLEET, T0, device -> {});
    List<Integer> first = inGroup(0, 1, 5);

    // When exactly half of it crashed, nothing happens; one more, and the rollout pauses
    for (int k = 0; k < first.size() / 2; k++) {
      rule.crashReported(first.get(k), true, T0, T0);
    }
    rule.tick(T0 + MINUTE);
    assertThat(rule.stopReason()).isNull();
    rule.crashReported(first.get(first.size() / 2), true, T0, T0);
    rule.tick(T0 + 2 * MINUTE);

    // Then
    assertThat(rule.stopReason()).startsWith("group 1 paused");
    assertThat(rule.poll(first.get(first.size() - 1), false, T0)).isEqualTo(Action.STAY);
  }

  @Test
  void awsNotifiesFiftyThingsAMinuteAtFirstAndCancelsAtTwentyPercentFailed() {
    // Given the documented example: 50 a minute, abort at 20 % failed after 100 completed
    AwsIotJobsRule rule = AwsIotJobsRule.documentedExample();
    List<Integer> pushed = new ArrayList<>();
    rule.start(FLEET, T0, pushed::add);

    // When the first minute passes
    for (long s = 1; s <= 60; s++) {
      rule.tick(T0 + s * 1000);
    }

    // Then 50 things were notified
    assertThat(pushed).hasSize(50);

    // When 100 executions completed and 19 of them failed, the job goes on
    for (int device = 0; device < 81; device++) {
      rule.installed(device, T0);
    }
    for (int device = 81; device < 100; device++) {
      rule.crashReported(device, true, T0, T0);
    }
    rule.tick(T0 + 61_000);
    assertThat(rule.stopReason()).isNull();

    // When two more fail (21 of 102, over 20 %)
    rule.crashReported(100, true, T0, T0);
    rule.crashReported(101, true, T0, T0);
    rule.tick(T0 + 62_000);

    // Then it is cancelled
    assertThat(rule.stopReason()).startsWith("job cancelled: 21 of 102");
  }

  @Test
  void ubuntuPhasesTenPercentMoreEverySixHoursUntilANewCrashSignatureFromThreeMachines() {
    // Given phasing at 10 %
    UbuntuPhasingRule rule = new UbuntuPhasingRule(true);
    rule.start(FLEET, T0, device -> {});
    assertThat(rule.frontier()).isEqualTo(Bucketing.POSITIONS / 10);

    // When six hours pass without crashes, it phases 20 %
    rule.tick(T0 + 6 * 60 * MINUTE);
    assertThat(rule.frontier()).isEqualTo(Bucketing.POSITIONS / 5);

    // When three machines report a new crash, the next run stops phasing
    rule.crashReported(0, true, T0, T0 + 7 * 60 * MINUTE);
    rule.crashReported(1, true, T0, T0 + 7 * 60 * MINUTE);
    rule.crashReported(2, true, T0, T0 + 7 * 60 * MINUTE);
    rule.tick(T0 + 12 * 60 * MINUTE);
    assertThat(rule.stopReason()).contains("new crash signature from 3 machines");
  }

  @Test
  void argoAbortsOnTheFirstFailedMeasurement() {
    // Given the canary at 20 % with its analysis every 5 minutes
    ArgoAnalysisRule rule = ArgoAnalysisRule.defaults();
    rule.start(FLEET, T0, device -> {});

    // When 10 of 100 devices on the release crash within an interval (success rate 0.90 < 0.95)
    for (int i = 0; i < 90; i++) {
      rule.installed(i, T0 + MINUTE);
    }
    for (int i = 90; i < 100; i++) {
      rule.crashReported(i, true, T0, T0 + MINUTE);
    }
    rule.tick(T0 + 5 * MINUTE);

    // Then the rollout aborts (failureLimit 0)
    assertThat(rule.stopReason()).startsWith("analysis failed at 20 %");
  }

  @Test
  void noGateOffersEveryoneAtOnce() {
    NoGateRule rule = new NoGateRule();
    rule.start(FLEET, T0, device -> {});
    assertThat(rule.poll(9_999, false, T0)).isEqualTo(Action.INSTALL);
    assertThat(rule.done()).isTrue();
  }
}
