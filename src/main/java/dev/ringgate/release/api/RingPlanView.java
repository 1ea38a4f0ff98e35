package dev.ringgate.release.api;

import dev.ringgate.release.domain.OnHalt;
import dev.ringgate.release.domain.PlanVersion;
import dev.ringgate.release.domain.Ring;
import java.time.Instant;
import java.util.List;

/** A ring plan as answered: its id, rings, what a halt does, and when it was set. */
public record RingPlanView(long id, List<Ring> rings, OnHalt onHalt, Instant createdAt) {

  public static RingPlanView of(PlanVersion stored) {
    return new RingPlanView(
        stored.id(), stored.plan().rings(), stored.plan().onHalt(), stored.createdAt());
  }
}
