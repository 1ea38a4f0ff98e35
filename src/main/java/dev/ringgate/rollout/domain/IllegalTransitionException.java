package dev.ringgate.rollout.domain;

import java.util.Locale;

/** An action that the rollout's current state does not allow. */
public class IllegalTransitionException extends RuntimeException {
  private final RolloutState state;
  private final RolloutAction action;

  public IllegalTransitionException(String rolloutId, RolloutState state, RolloutAction action) {
    super(
        "Rollout "
            + rolloutId
            + " is "
            + state
            + "; '"
            + action.name().toLowerCase(Locale.ROOT)
            + "' is not allowed in that state.");
    this.state = state;
    this.action = action;
  }

  public RolloutState state() {
    return state;
  }

  public RolloutAction action() {
    return action;
  }
}
