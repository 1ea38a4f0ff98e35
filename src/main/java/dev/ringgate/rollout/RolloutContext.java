package dev.ringgate.rollout;

import dev.ringgate.release.domain.Product;
import dev.ringgate.release.domain.Release;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.rollout.domain.Rollout;
import java.time.Instant;

/** A rollout with its release, product and the plan it started with. */
public record RolloutContext(Rollout rollout, Release release, Product product, RingPlan plan) {

  /** Minutes the current ring has baked at {@code now}, not counting time stopped. */
  public double bakedMinutes(Instant now) {
    if (rollout.ringStartedAt() == null) {
      return 0;
    }
    Instant end = rollout.stoppedAt() != null ? rollout.stoppedAt() : now;
    return Math.max(0, end.toEpochMilli() - rollout.ringStartedAt().toEpochMilli()) / 60_000.0;
  }
}
