package dev.ringgate.health.domain;

/**
 * Why the health gate said HALT, as a short stable label for metrics and alerts ({@code
 * ringgate_rollout_halts_total{reason=...}}).
 */
public enum HaltCause {
  /** The catastrophic fast path: many of the recently exposed devices crashed within minutes. */
  CATASTROPHIC("catastrophic"),
  /** The sequential test, carried mostly by crashes and boot loops. */
  CRASH_RATE("crash-rate"),
  /** The sequential test, carried mostly by installers that fell silent. */
  SILENCE("silence");

  private final String label;

  HaltCause(String label) {
    this.label = label;
  }

  /** The label used in metrics. */
  public String label() {
    return label;
  }
}
