package dev.ringgate.rollout.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.health.domain.GateResult;
import dev.ringgate.health.domain.HaltCause;
import dev.ringgate.kernel.Actor;
import dev.ringgate.release.domain.Gate;
import dev.ringgate.release.domain.OnHalt;
import dev.ringgate.release.domain.Promotion;
import dev.ringgate.release.domain.Ring;
import dev.ringgate.release.domain.RingPlan;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateStepTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final Gate GATE = new Gate(0.01, 2.0, 0.02);

  private static RingPlan plan(Promotion second, OnHalt onHalt) {
    return new RingPlan(
        List.of(
            new Ring("canary", 10, null, 60, 10, 0, Promotion.AUTO, GATE),
            new Ring("all", 10_000, null, 60, 10, 0, second, GATE)),
        onHalt);
  }

  private static Rollout started(RingPlan plan) {
    Rollout pending = Rollout.pending("rol-1", "rel-1", "sensor", 1, NOW.minusSeconds(7200));
    return pending.start(1, NOW.minusSeconds(7200), Actor.HEALTH_GATE, "test").after();
  }

  @Test
  void aHaltInAnEarlierRingHaltsTheRolloutAndSaysWhichRing() {
    GateResult overall =
        GateStep.overall(
            plan(Promotion.AUTO, OnHalt.ROLLBACK),
            1,
            i ->
                i == 0
                    ? GateResult.halt(HaltCause.CRASH_RATE, "3 of 3 crashed")
                    : GateResult.pass("fine"));
    assertThat(overall)
        .isEqualTo(GateResult.halt(HaltCause.CRASH_RATE, "ring canary: 3 of 3 crashed"));
  }

  @Test
  void aHaltRollsBackOrHaltsAsThePlanSays() {
    RingPlan rollback = plan(Promotion.AUTO, OnHalt.ROLLBACK);
    RingPlan stop = plan(Promotion.AUTO, OnHalt.STOP);
    GateResult halt = GateResult.halt(HaltCause.CRASH_RATE, "bad");

    assertThat(GateStep.next(started(rollback), rollback, halt, NOW).after().state())
        .isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(GateStep.next(started(stop), stop, halt, NOW).after().state())
        .isEqualTo(RolloutState.HALTED);
  }

  @Test
  void aPausedRolloutStillHaltsButIsNeverPromoted() {
    RingPlan plan = plan(Promotion.AUTO, OnHalt.ROLLBACK);
    Rollout paused = started(plan).pause(NOW, Actor.HEALTH_GATE, "look").after();

    assertThat(GateStep.next(paused, plan, GateResult.pass("fine"), NOW)).isNull();
    assertThat(
            GateStep.next(paused, plan, GateResult.halt(HaltCause.CRASH_RATE, "bad"), NOW)
                .after()
                .state())
        .isEqualTo(RolloutState.ROLLED_BACK);
  }

  @Test
  void aPassPromotesAutoRingsOnlyAndCompletesAfterTheLast() {
    RingPlan manual = plan(Promotion.MANUAL, OnHalt.ROLLBACK);
    Rollout inSecond = GateStep.next(started(manual), manual, GateResult.pass("fine"), NOW).after();
    assertThat(inSecond.ringIndex()).isEqualTo(1);
    assertThat(GateStep.next(inSecond, manual, GateResult.pass("fine"), NOW)).isNull();

    RingPlan auto = plan(Promotion.AUTO, OnHalt.ROLLBACK);
    Rollout second = GateStep.next(started(auto), auto, GateResult.pass("fine"), NOW).after();
    assertThat(GateStep.next(second, auto, GateResult.pass("fine"), NOW).after().state())
        .isEqualTo(RolloutState.COMPLETED);
    assertThat(GateStep.next(second, auto, GateResult.waiting("baking"), NOW)).isNull();
  }
}
