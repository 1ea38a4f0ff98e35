package dev.ringgate.events;

/**
 * An event that concerns one tenant alone (an approval to decide, an emergency stop): written to
 * the outbox in the transaction of the change like every outgoing event, and delivered to that
 * tenant's webhooks (and operators'), never to vendors' webhooks or the Kafka topic of rollout
 * events. Its record components are the payload's fields.
 */
public interface TenantNotice extends DomainEvent {
  String tenantId();

  /** The product the event is about, or null. */
  default String productId() {
    return null;
  }
}
