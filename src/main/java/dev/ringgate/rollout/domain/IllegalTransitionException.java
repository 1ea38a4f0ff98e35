package dev.ringgate.rollout.domain;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import java.util.Locale;

/**
 * An action that the rollout's current state does not allow: answered as {@code 409
 * illegal-transition}.
 */
public class IllegalTransitionException extends ApiException {
  private final RolloutState state;
  private final RolloutAction action;

  public IllegalTransitionException(String rolloutId, RolloutState state, RolloutAction action) {
    super(
        ErrorCode.ILLEGAL_TRANSITION,
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
