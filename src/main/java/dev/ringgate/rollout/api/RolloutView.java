package dev.ringgate.rollout.api;

import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.rollout.domain.Transition;
import java.time.Instant;
import java.util.List;

/** A rollout as answered: where it is, each ring's figures and verdict, and its history. */
public record RolloutView(
    String id,
    String releaseId,
    String productId,
    String version,
    RolloutState state,
    int ringIndex,
    Instant createdAt,
    Instant updatedAt,
    List<RingView> rings,
    List<Transition> history) {

  /** One ring of the rollout. */
  public record RingView(
      String name,
      int shareBp,
      @org.eclipse.microprofile.openapi.annotations.media.Schema(
              description =
                  "Cumulative share admitted now, in basis points (fractional while a ramp starts).",
              implementation = Double.class)
          Number admittedBp,
      String state,
      Instant startedAt,
      long exposedDevices,
      long crashedDevices,
      long silentDevices,
      long controlDevices,
      long controlCrashedDevices,
      long controlSilentDevices,
      String verdict,
      String verdictDetail) {}
}
