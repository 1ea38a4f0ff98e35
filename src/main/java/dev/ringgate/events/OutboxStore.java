package dev.ringgate.events;

import dev.ringgate.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The outbox: events waiting to leave the service, written in the transaction of the change they
 * describe, and marked sent by the relay once the broker has them.
 */
@ApplicationScoped
public class OutboxStore {

  /** An event waiting in the outbox: its row id, its key (the rollout) and its JSON. */
  public record Pending(long id, String key, String payload) {}

  /** Where an event goes: its key (the rollout), product and tenant, and whether to Kafka. */
  record Routing(String key, String productId, String tenantId, boolean kafka) {}

  void add(Connection c, String eventId, Routing routing, String type, String payload, Instant at)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO outbox (event_id, rollout_id, product_id, tenant_id, kafka, event_type,"
            + " payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        eventId,
        routing.key(),
        routing.productId(),
        routing.tenantId(),
        routing.kafka(),
        type,
        payload,
        at);
  }

  /**
   * Takes the relay's lock for {@code c}'s transaction (one replica relays at a time) and returns
   * up to {@code limit} unpublished events, oldest first.
   */
  public List<Pending> lockAndTake(Connection c, int limit) throws SQLException {
    Sql.one(
        c, "SELECT name FROM relay_locks WHERE name = 'outbox' FOR UPDATE", r -> r.getString(1));
    return Sql.list(
        c,
        "SELECT id, rollout_id, payload FROM outbox WHERE published_at IS NULL AND kafka"
            + " ORDER BY id LIMIT "
            + limit,
        r -> new Pending(r.getLong(1), r.getString(2), r.getString(3)));
  }

  /** The events not yet relayed to Kafka. */
  public BacklogGauges.Backlog kafkaBacklog(Connection c) throws SQLException {
    return Sql.one(
            c,
            "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE published_at IS NULL AND kafka",
            r -> new BacklogGauges.Backlog(r.getLong(1), Sql.instant(r, 2)))
        .orElseThrow();
  }

  /** Marks the events published at {@code now}. */
  public void markPublished(Connection c, List<Pending> events, Instant now) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE outbox SET published_at = ? WHERE id = ?")) {
      for (Pending event : events) {
        update.setObject(1, Sql.timestamp(now));
        update.setLong(2, event.id());
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
