package dev.ringgate.health.domain;

/** A health gate's verdict on a ring. */
public enum Verdict {
  /** Not enough evidence yet: bake time, devices, or a ratio not yet bounded. */
  WAIT,
  /** The ring may be left. */
  PASS,
  /** The release is worse than allowed: halt now. */
  HALT
}
