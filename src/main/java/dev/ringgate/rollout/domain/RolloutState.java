package dev.ringgate.rollout.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a rollout and the transitions between them. {@code IN_PROGRESS} covers every ring;
 * promotion from ring to ring stays in it. Terminal states allow nothing.
 */
public enum RolloutState {
  PENDING,
  IN_PROGRESS,
  PAUSED,
  HALTED,
  ROLLED_BACK,
  COMPLETED,
  SUPERSEDED;

  /** Whether a rollout in this state may move to {@code next}. */
  public boolean canMoveTo(RolloutState next) {
    return successors().contains(next);
  }

  /** The states reachable in one step. */
  public Set<RolloutState> successors() {
    return switch (this) {
      case PENDING -> EnumSet.of(IN_PROGRESS, SUPERSEDED);
      case IN_PROGRESS ->
          EnumSet.of(IN_PROGRESS, PAUSED, HALTED, ROLLED_BACK, COMPLETED, SUPERSEDED);
      case PAUSED -> EnumSet.of(IN_PROGRESS, HALTED, ROLLED_BACK, SUPERSEDED);
      case HALTED -> EnumSet.of(IN_PROGRESS, ROLLED_BACK, SUPERSEDED);
      case ROLLED_BACK -> EnumSet.of(IN_PROGRESS);
      case COMPLETED, SUPERSEDED -> EnumSet.noneOf(RolloutState.class);
    };
  }

  /** Whether the rollout is over for good. */
  public boolean isTerminal() {
    return successors().isEmpty();
  }
}
