package dev.ringgate.rollout.domain;

import dev.ringgate.kernel.Actor;
import java.time.Duration;
import java.time.Instant;

/**
 * The journey of one release through its ring plan. Every action returns the rollout after it and
 * the transition to record, or throws {@link IllegalTransitionException}; the state machine is
 * {@link RolloutState}'s.
 *
 * @param ringStartedAt when the current ring started (shifted by the time spent paused, so that its
 *     ramp resumes where it stopped)
 * @param stoppedAt when the rollout was paused or halted, while it is
 */
public record Rollout(
    String id,
    String releaseId,
    String productId,
    long ringPlanId,
    RolloutState state,
    int ringIndex,
    Instant ringStartedAt,
    Instant stoppedAt,
    Instant createdAt,
    Instant updatedAt) {

  /** A new rollout, pending until it is started. */
  public static Rollout pending(
      String id, String releaseId, String productId, long ringPlanId, Instant now) {
    return new Rollout(
        id, releaseId, productId, ringPlanId, RolloutState.PENDING, 0, null, null, now, now);
  }

  /** The result of an action: the rollout after it, and what to record. */
  public record Change(Rollout after, Transition transition, RolloutEventType type) {}

  /**
   * Starts the rollout on the product's plan of this moment ({@code currentPlanId}): a plan
   * replaced after publishing still applies, and the rollout keeps it from now on.
   */
  public Change start(long currentPlanId, Instant now, Actor actor, String reason) {
    require(RolloutAction.START, state == RolloutState.PENDING);
    Rollout onPlan =
        new Rollout(
            id, releaseId, productId, currentPlanId, state, 0, null, null, createdAt, updatedAt);
    return onPlan.change(
        RolloutState.IN_PROGRESS,
        0,
        now,
        null,
        now,
        actor,
        reason,
        RolloutEventType.ROLLOUT_STARTED);
  }

  /**
   * Leaves the current ring: into the next one, or, from the last ring, to {@code COMPLETED}.
   *
   * @param lastRingIndex the index of the plan's last ring
   */
  public Change promote(int lastRingIndex, Instant now, Actor actor, String reason) {
    require(RolloutAction.PROMOTE, state == RolloutState.IN_PROGRESS);
    if (ringIndex >= lastRingIndex) {
      return change(
          RolloutState.COMPLETED,
          ringIndex,
          ringStartedAt,
          null,
          now,
          actor,
          reason,
          RolloutEventType.ROLLOUT_COMPLETED);
    }
    return change(
        RolloutState.IN_PROGRESS,
        ringIndex + 1,
        now,
        null,
        now,
        actor,
        reason,
        RolloutEventType.RING_PROMOTED);
  }

  public Change pause(Instant now, Actor actor, String reason) {
    require(RolloutAction.PAUSE, state == RolloutState.IN_PROGRESS);
    return change(
        RolloutState.PAUSED,
        ringIndex,
        ringStartedAt,
        now,
        now,
        actor,
        reason,
        RolloutEventType.ROLLOUT_PAUSED);
  }

  /**
   * Resumes a paused, halted or rolled-back rollout. After a pause or halt the ring's ramp goes on
   * where it stopped; after a rollback the ring starts again from the beginning of its ramp.
   */
  public Change resume(Instant now, Actor actor, String reason) {
    require(
        RolloutAction.RESUME,
        state == RolloutState.PAUSED
            || state == RolloutState.HALTED
            || state == RolloutState.ROLLED_BACK);
    Instant started =
        state == RolloutState.ROLLED_BACK || stoppedAt == null || ringStartedAt == null
            ? now
            : ringStartedAt.plus(Duration.between(stoppedAt, now));
    return change(
        RolloutState.IN_PROGRESS,
        ringIndex,
        started,
        null,
        now,
        actor,
        reason,
        RolloutEventType.ROLLOUT_RESUMED);
  }

  /** Stops offering the release; devices on it stay. */
  public Change halt(Instant now, Actor actor, String reason) {
    require(RolloutAction.HALT, state == RolloutState.IN_PROGRESS || state == RolloutState.PAUSED);
    return stop(RolloutState.HALTED, now, actor, reason, RolloutEventType.ROLLOUT_HALTED);
  }

  /** Stops offering the release and sends devices on it back to the last good version. */
  public Change rollback(Instant now, Actor actor, String reason) {
    require(RolloutAction.ROLLBACK, isStoppable());
    return stop(RolloutState.ROLLED_BACK, now, actor, reason, RolloutEventType.ROLLOUT_ROLLED_BACK);
  }

  /** A newer rollout of the product started and took over. */
  public Change supersede(Instant now, Actor actor, String reason) {
    require(RolloutAction.SUPERSEDE, isStoppable());
    return stop(RolloutState.SUPERSEDED, now, actor, reason, RolloutEventType.ROLLOUT_SUPERSEDED);
  }

  private boolean isStoppable() {
    return state == RolloutState.IN_PROGRESS
        || state == RolloutState.PAUSED
        || state == RolloutState.HALTED;
  }

  /** Into a state that offers nothing new; the ring's ramp freezes when it first stops. */
  private Change stop(
      RolloutState to, Instant now, Actor actor, String reason, RolloutEventType type) {
    Instant stopped = stoppedAt != null ? stoppedAt : now;
    return change(to, ringIndex, ringStartedAt, stopped, now, actor, reason, type);
  }

  private void require(RolloutAction action, boolean allowed) {
    if (!allowed) {
      throw new IllegalTransitionException(id, state, action);
    }
  }

  private Change change(
      RolloutState to,
      int ring,
      Instant ringStart,
      Instant stopped,
      Instant now,
      Actor actor,
      String reason,
      RolloutEventType type) {
    if (!state.canMoveTo(to)) {
      throw new IllegalTransitionException(id, state, type.action());
    }
    Rollout after =
        new Rollout(
            id, releaseId, productId, ringPlanId, to, ring, ringStart, stopped, createdAt, now);
    return new Change(after, new Transition(now, state, to, ring, actor, reason), type);
  }
}
