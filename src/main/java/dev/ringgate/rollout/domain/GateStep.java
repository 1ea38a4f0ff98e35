package dev.ringgate.rollout.domain;

import dev.ringgate.health.domain.GateResult;
import dev.ringgate.health.domain.Verdict;
import dev.ringgate.kernel.Actor;
import dev.ringgate.release.domain.OnHalt;
import dev.ringgate.release.domain.Promotion;
import dev.ringgate.release.domain.RingPlan;
import java.time.Instant;
import java.util.function.IntFunction;

/**
 * What the health gate does to a rollout, as pure functions shared by the promotion loop and the
 * fleet simulator: the verdict over every ring reached so far, and the change it leads to.
 */
public final class GateStep {
  /** The actor of promotions made by the gate. */
  public static final Actor PROMOTION_LOOP = new Actor(Actor.Type.SYSTEM, "promotion-loop");

  private GateStep() {}

  /**
   * HALT when any ring reached so far says HALT (late reports still land in the ring where their
   * devices were exposed), else the current ring's verdict.
   *
   * @param ringVerdict the gate's verdict of the ring of that index
   */
  public static GateResult overall(
      RingPlan plan, int ringIndex, IntFunction<GateResult> ringVerdict) {
    for (int i = 0; i < ringIndex; i++) {
      GateResult earlier = ringVerdict.apply(i);
      if (earlier.verdict() == Verdict.HALT) {
        return GateResult.halt(
            earlier.cause(), "ring " + plan.ring(i).name() + ": " + earlier.detail());
      }
    }
    return ringVerdict.apply(ringIndex);
  }

  /**
   * The change the verdict leads to: on HALT a rollback or halt by the health gate (as the plan's
   * {@code onHalt} says; a paused rollout too, since its devices may still need to go back), on
   * PASS of an AUTO ring a promotion (or completion after the last ring), otherwise none (null).
   */
  public static Rollout.Change next(
      Rollout rollout, RingPlan plan, GateResult verdict, Instant now) {
    boolean paused = rollout.state() == RolloutState.PAUSED;
    if (rollout.state() != RolloutState.IN_PROGRESS && !paused) {
      return null;
    }
    if (verdict.verdict() == Verdict.HALT) {
      String reason = "health gate: " + verdict.detail();
      return plan.onHalt() == OnHalt.ROLLBACK
          ? rollout.rollback(now, Actor.HEALTH_GATE, reason)
          : rollout.halt(now, Actor.HEALTH_GATE, reason);
    }
    boolean auto = plan.ring(rollout.ringIndex()).promotion() == Promotion.AUTO;
    if (paused || verdict.verdict() != Verdict.PASS || !auto) {
      return null;
    }
    return rollout.promote(
        plan.lastIndex(), now, PROMOTION_LOOP, "gate passed: " + verdict.detail());
  }
}
