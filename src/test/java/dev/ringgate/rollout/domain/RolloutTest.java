package dev.ringgate.rollout.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ringgate.kernel.Actor;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RolloutTest {
  private static final Actor VENDOR = new Actor(Actor.Type.VENDOR, "key_1");
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final int LAST = 2;

  private static Rollout started() {
    return Rollout.pending("rol_1", "rel_1", "sensor", 1, T0).start(2, T0, VENDOR, "go").after();
  }

  @Test
  void startEntersTheFirstRingOnTheCurrentPlan() {
    Rollout.Change change =
        Rollout.pending("rol_1", "rel_1", "sensor", 1, T0).start(7, T0, VENDOR, "go");

    assertThat(change.after().state()).isEqualTo(RolloutState.IN_PROGRESS);
    assertThat(change.after().ringIndex()).isZero();
    assertThat(change.after().ringPlanId()).isEqualTo(7);
    assertThat(change.after().ringStartedAt()).isEqualTo(T0);
    assertThat(change.type()).isEqualTo(RolloutEventType.ROLLOUT_STARTED);
    assertThat(change.transition().from()).isEqualTo(RolloutState.PENDING);
  }

  @Test
  void promoteMovesToTheNextRingAndCompletesAfterTheLast() {
    Instant t1 = T0.plusSeconds(600);
    Rollout ring1 = started().promote(LAST, t1, VENDOR, null).after();
    Rollout ring2 = ring1.promote(LAST, t1, VENDOR, null).after();
    Rollout.Change done = ring2.promote(LAST, t1, VENDOR, null);

    assertThat(ring1.ringIndex()).isEqualTo(1);
    assertThat(ring1.ringStartedAt()).isEqualTo(t1);
    assertThat(done.after().state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(done.type()).isEqualTo(RolloutEventType.ROLLOUT_COMPLETED);
  }

  @Test
  void resumingAfterAPauseContinuesTheRampWhereItStopped() {
    Rollout paused = started().pause(T0.plusSeconds(600), VENDOR, "look").after();
    Rollout resumed = paused.resume(T0.plusSeconds(4200), VENDOR, null).after();

    // 10 minutes had elapsed in the ring before the pause; an hour passed while paused.
    assertThat(Duration.between(resumed.ringStartedAt(), T0.plusSeconds(4200)))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(resumed.stoppedAt()).isNull();
  }

  @Test
  void resumingAfterARollbackStartsTheRingAgain() {
    Rollout rolledBack =
        started().rollback(T0.plusSeconds(60), Actor.HEALTH_GATE, "crashes").after();
    Instant later = T0.plusSeconds(7200);

    Rollout resumed = rolledBack.resume(later, VENDOR, "fixed on the server").after();

    assertThat(resumed.state()).isEqualTo(RolloutState.IN_PROGRESS);
    assertThat(resumed.ringStartedAt()).isEqualTo(later);
  }

  @Test
  void aHaltedRolloutCannotBePromoted() {
    Rollout halted = started().halt(T0, VENDOR, "stop").after();

    assertThatThrownBy(() -> halted.promote(LAST, T0, VENDOR, null))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("HALTED");
  }

  @Test
  void aPendingRolloutCannotBePaused() {
    assertThatThrownBy(() -> Rollout.pending("r", "rel", "p", 1, T0).pause(T0, VENDOR, null))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void aCompletedRolloutCannotBeHalted() {
    Rollout completed =
        Rollout.pending("r", "rel", "p", 1, T0)
            .start(1, T0, VENDOR, null)
            .after()
            .promote(0, T0, VENDOR, null)
            .after();

    assertThat(completed.state()).isEqualTo(RolloutState.COMPLETED);
    assertThatThrownBy(() -> completed.halt(T0, VENDOR, null))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void aRolledBackRolloutIsNotSuperseded() {
    Rollout rolledBack = started().rollback(T0, VENDOR, null).after();

    assertThatThrownBy(() -> rolledBack.supersede(T0, VENDOR, null))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void everyTransitionRecordsItsActorAndReason() {
    Rollout.Change change = started().halt(T0, Actor.HEALTH_GATE, "3 of 20 crashed");

    assertThat(change.transition().actor()).isEqualTo(Actor.HEALTH_GATE);
    assertThat(change.transition().reason()).isEqualTo("3 of 20 crashed");
    assertThat(change.transition().to()).isEqualTo(RolloutState.HALTED);
  }
}
