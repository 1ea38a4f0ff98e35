package dev.ringgate.policy.domain;

/** How a tenant's devices adopt a product's releases. */
public enum Channel {
  /** Take part in each rollout by position (the default). */
  STAGED,
  /** Also taken in by rings that select early-access tenants. */
  EARLY_ACCESS,
  /** Only once a rollout has reached its final ring. */
  GENERAL,
  /** One release behind the newest completed one. */
  N_MINUS_1,
  /** A fixed version. */
  PINNED
}
