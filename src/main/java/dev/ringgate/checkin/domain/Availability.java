package dev.ringgate.checkin.domain;

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

  /** Whether devices running the release must leave it. */
  public boolean isBad() {
    return this == ROLLED_BACK || this == REVOKED;
  }

  /** Whether the release can be a target to return to. */
  public boolean isGood() {
    return this == IN_RINGS || this == COMPLETED || this == PAUSED || this == SUPERSEDED;
  }
}
