package dev.ringgate.events;

import java.util.Map;

/**
 * An event that leaves the service (Kafka topic {@code ringgate.rollout-events.v1}, webhooks): it
 * is written to the outbox in the transaction of the change, and relayed later, at least once and
 * in order per key.
 */
public interface OutboxEvent extends DomainEvent {
  /** The ordering key: the rollout id. */
  String outboxKey();

  /** The event's own fields; the recorder adds id, type, actor, reason and time. */
  Map<String, Object> outboxFields();
}
