package dev.ringgate.events;

import java.time.Instant;
import java.util.List;

/**
 * A subscription to events: a vendor's (rollout and release events of its products), a tenant's
 * (its approvals and emergency stops), or an operator's (every event, when both are null).
 *
 * @param eventTypes the event types delivered; null: every type the scope receives
 * @param productIds the products whose events are delivered; null: all in the scope
 */
public record Webhook(
    String id,
    String vendorId,
    String tenantId,
    String url,
    List<String> eventTypes,
    List<String> productIds,
    WebhookFormat format,
    Instant createdAt) {
  public Webhook {
    eventTypes = eventTypes == null ? null : List.copyOf(eventTypes);
    productIds = productIds == null ? null : List.copyOf(productIds);
  }

  /** Whether this subscription receives an event of this type, product and tenant. */
  public boolean receives(String type, String productId, String productVendor, String tenant) {
    if (eventTypes != null && !eventTypes.contains(type)) {
      return false;
    }
    if (productIds != null && (productId == null || !productIds.contains(productId))) {
      return false;
    }
    if (tenantId != null) {
      return tenantId.equals(tenant);
    }
    if (vendorId != null) {
      return tenant == null && vendorId.equals(productVendor);
    }
    return true;
  }
}
