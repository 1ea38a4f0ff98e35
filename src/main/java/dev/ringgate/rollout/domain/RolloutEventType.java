package dev.ringgate.rollout.domain;

/** The events a rollout's transitions publish (audit action and Kafka event type). */
public enum RolloutEventType {
  ROLLOUT_STARTED(RolloutAction.START),
  RING_PROMOTED(RolloutAction.PROMOTE),
  ROLLOUT_COMPLETED(RolloutAction.PROMOTE),
  ROLLOUT_PAUSED(RolloutAction.PAUSE),
  ROLLOUT_RESUMED(RolloutAction.RESUME),
  ROLLOUT_HALTED(RolloutAction.HALT),
  ROLLOUT_ROLLED_BACK(RolloutAction.ROLLBACK),
  ROLLOUT_SUPERSEDED(RolloutAction.SUPERSEDE),
  /** The gate halted the rollout for one tenant; the rest of the fleet goes on. */
  ROLLOUT_HALTED_FOR_TENANT(RolloutAction.HALT),
  /** The vendor excluded tenants' evidence from the rollout's gate (on resume). */
  ROLLOUT_EVIDENCE_EXCLUDED(RolloutAction.RESUME);

  private final RolloutAction action;

  RolloutEventType(RolloutAction action) {
    this.action = action;
  }

  public RolloutAction action() {
    return action;
  }
}
