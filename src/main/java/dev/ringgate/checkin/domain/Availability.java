package dev.ringgate.checkin.domain;

import dev.ringgate.rollout.domain.RolloutState;

/** How a release may be handed out, from its rollout's state and its own revocation. */
public enum Availability {
  /** Its rollout has not started: offered to nobody. */
  NOT_STARTED,
  /** In progress: offered to the devices its rings admit. */
  IN_RINGS,
  /** Paused: offered to nobody new; devices on it stay. */
  PAUSED,
  /** Halted without rollback: offered to nobody new; devices on it stay. */
  HALTED,
  /** Completed: offered to every compatible device. */
  COMPLETED,
  /** A newer rollout took over: offered to nobody new; devices on it stay. */
  SUPERSEDED,
  /** Halted with rollback: devices on it are told to return to the last good version. */
  ROLLED_BACK,
  /** Revoked: never served again; devices on it are told to return. */
  REVOKED;

  /** A release's availability: revoked, or as its rollout's state (null: no rollout yet) says. */
  public static Availability of(boolean revoked, RolloutState rollout) {
    if (revoked) {
      return REVOKED;
    }
    return rollout == null ? NOT_STARTED : of(rollout);
  }

  /** What a rollout in this state means for its release's availability. */
  public static Availability of(RolloutState state) {
    return switch (state) {
      case PENDING -> NOT_STARTED;
      case IN_PROGRESS -> IN_RINGS;
      case PAUSED -> PAUSED;
      case HALTED -> HALTED;
      case ROLLED_BACK -> ROLLED_BACK;
      case COMPLETED -> COMPLETED;
      case SUPERSEDED -> SUPERSEDED;
    };
  }

  /** Whether devices running the release must leave it. */
  public boolean isBad() {
    return this == ROLLED_BACK || this == REVOKED;
  }

  /** Whether the release can be a target to return to. */
  public boolean isGood() {
    return this == IN_RINGS || this == COMPLETED || this == PAUSED || this == SUPERSEDED;
  }
}
