package dev.ringgate.telemetry;

/** Why a stored telemetry event counted toward no rollout. */
public enum UncountedReason {
  /** The product is not known here (Kafka only: HTTP refuses such a batch). */
  UNKNOWN_PRODUCT,
  /** The version is not a release of the product. */
  UNKNOWN_VERSION,
  /** The device was never offered the release it reports on, so it is no evidence for it. */
  NOT_OFFERED,
  /** No rollout of the product is counting devices (none started, or all ended). */
  ROLLOUT_NOT_COUNTING
}
