package dev.ringgate.rollout.domain;

import java.util.Locale;

/** What can be done to a rollout: the vendor's actions, and the system's. */
public enum RolloutAction {
  START,
  PROMOTE,
  PAUSE,
  RESUME,
  HALT,
  ROLLBACK,
  SUPERSEDE;

  /** The action named in a URL ({@code promote}), or null. */
  public static RolloutAction fromPath(String name) {
    for (RolloutAction action : values()) {
      if (action != SUPERSEDE && action.name().toLowerCase(Locale.ROOT).equals(name)) {
        return action;
      }
    }
    return null;
  }
}
