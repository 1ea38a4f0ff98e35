package dev.ringgate.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event that leaves the service (Kafka topic {@code ringgate.rollout-events.v1}, webhooks): it
 * is written to the outbox in the transaction of the change, and relayed later, at least once and
 * in order per rollout.
 */
public interface OutboxEvent extends DomainEvent {
  /** The rollout the event belongs to: its ordering key. */
  String rolloutId();

  String productId();

  String version();

  /** The tenant the event concerns alone (its webhooks receive it, vendors' do not), or null. */
  default String tenantId() {
    return null;
  }

  /** The ordering key: the rollout id. */
  default String outboxKey() {
    return rolloutId();
  }

  /** Fields of this kind of event besides rollout, product and version. */
  default Map<String, Object> extraOutboxFields() {
    return Map.of();
  }

  /** The event's own fields; the recorder adds id, type, actor, reason and time. */
  default Map<String, Object> outboxFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("rolloutId", rolloutId());
    fields.put("productId", productId());
    fields.put("version", version());
    fields.putAll(extraOutboxFields());
    return fields;
  }
}
