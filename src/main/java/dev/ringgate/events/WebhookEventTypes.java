package dev.ringgate.events;

import java.util.List;

/** The event types a subscription may ask for, by who subscribes. */
public final class WebhookEventTypes {
  /** What a vendor's subscription receives: its products' rollout and release events. */
  public static final List<String> VENDOR =
      List.of(
          "ROLLOUT_STARTED",
          "RING_PROMOTED",
          "ROLLOUT_PAUSED",
          "ROLLOUT_RESUMED",
          "ROLLOUT_HALTED",
          "ROLLOUT_ROLLED_BACK",
          "ROLLOUT_COMPLETED",
          "ROLLOUT_SUPERSEDED",
          "RELEASE_REVOKED");

  /** What a tenant's subscription receives: its approvals and emergency stops. */
  public static final List<String> TENANT =
      List.of(
          "APPROVAL_REQUESTED",
          "APPROVAL_GRANTED",
          "APPROVAL_REJECTED",
          "FLEET_STOPPED",
          "FLEET_RESUMED");

  private WebhookEventTypes() {}

  /** Every type: what an operator's subscription may receive. */
  public static List<String> all() {
    return java.util.stream.Stream.concat(VENDOR.stream(), TENANT.stream()).toList();
  }
}
