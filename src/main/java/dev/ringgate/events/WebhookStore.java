package dev.ringgate.events;

import dev.ringgate.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Webhooks in the store: subscriptions ({@code webhooks}), their deliveries ({@code
 * webhook_deliveries}), and the routing of outbox events to them.
 */
@ApplicationScoped
public class WebhookStore {

  /** An outbox event not yet routed to webhooks. */
  public record Unrouted(
      long id, String eventId, String type, String productId, String tenantId, Instant at) {}

  /** A delivery due for an attempt, with what it needs to be sent. */
  public record Due(
      long id,
      String webhookId,
      String url,
      String secret,
      WebhookFormat format,
      String eventId,
      String type,
      String payload,
      int attempts) {}

  void insert(Connection c, Webhook hook, String secret, String createdBy) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO webhooks (id, vendor_id, tenant_id, url, event_types, product_ids, format,"
            + " secret, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        hook.id(),
        hook.vendorId(),
        hook.tenantId(),
        hook.url(),
        join(hook.eventTypes()),
        join(hook.productIds()),
        hook.format(),
        secret,
        hook.createdAt(),
        createdBy);
  }

  /** The subscription, unless deleted. */
  Optional<Webhook> find(Connection c, String id) throws SQLException {
    return Sql.one(
        c, "SELECT * FROM webhooks WHERE id = ? AND deleted_at IS NULL", WebhookStore::map, id);
  }

  /** Subscriptions not deleted, newest first: a vendor's, a tenant's, or (both null) every one. */
  List<Webhook> list(Connection c, String vendorId, String tenantId) throws SQLException {
    String order = " ORDER BY created_at DESC, id DESC";
    if (vendorId != null) {
      return Sql.list(
          c,
          "SELECT * FROM webhooks WHERE deleted_at IS NULL AND vendor_id = ?" + order,
          WebhookStore::map,
          vendorId);
    }
    if (tenantId != null) {
      return Sql.list(
          c,
          "SELECT * FROM webhooks WHERE deleted_at IS NULL AND tenant_id = ?" + order,
          WebhookStore::map,
          tenantId);
    }
    return Sql.list(
        c, "SELECT * FROM webhooks WHERE deleted_at IS NULL" + order, WebhookStore::map);
  }

  void delete(Connection c, String id, Instant at) throws SQLException {
    Sql.update(c, "UPDATE webhooks SET deleted_at = ? WHERE id = ?", at, id);
  }

  /** The vendor of a product, if the product exists. */
  Optional<String> productVendor(Connection c, String productId) throws SQLException {
    return Sql.one(
        c, "SELECT vendor_id FROM products WHERE id = ?", r -> r.getString(1), productId);
  }

  /**
   * Takes the routing lock for {@code c}'s transaction (one replica routes at a time) and returns
   * up to {@code limit} events not yet routed, oldest first.
   */
  List<Unrouted> lockAndTakeUnrouted(Connection c, int limit) throws SQLException {
    Sql.one(
        c, "SELECT name FROM relay_locks WHERE name = 'webhooks' FOR UPDATE", r -> r.getString(1));
    return Sql.list(
        c,
        "SELECT id, event_id, event_type, product_id, tenant_id, created_at FROM outbox"
            + " WHERE routed_at IS NULL ORDER BY id LIMIT "
            + limit,
        r ->
            new Unrouted(
                r.getLong(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                Sql.instant(r, 6)));
  }

  /** The vendors of these products. */
  Map<String, String> productVendors(Connection c, Collection<String> productIds)
      throws SQLException {
    Map<String, String> vendors = new HashMap<>();
    for (String productId : productIds) {
      productVendor(c, productId).ifPresent(v -> vendors.put(productId, v));
    }
    return vendors;
  }

  /** Every subscription not deleted. */
  List<Webhook> active(Connection c) throws SQLException {
    return list(c, null, null);
  }

  void addDelivery(Connection c, String webhookId, Unrouted event, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO webhook_deliveries (webhook_id, outbox_id, event_id, event_type, state,"
            + " attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)",
        webhookId,
        event.id(),
        event.eventId(),
        event.type(),
        now,
        now);
  }

  void markRouted(Connection c, long outboxId, Instant now) throws SQLException {
    Sql.update(c, "UPDATE outbox SET routed_at = ? WHERE id = ?", now, outboxId);
  }

  /** Up to {@code limit} pending deliveries of live subscriptions whose attempt is due. */
  List<Due> due(Connection c, Instant now, int limit) throws SQLException {
    return Sql.list(
        c,
        "SELECT d.id, d.webhook_id, w.url, w.secret, w.format, d.event_id, d.event_type,"
            + " o.payload, d.attempts FROM webhook_deliveries d"
            + " JOIN webhooks w ON w.id = d.webhook_id JOIN outbox o ON o.id = d.outbox_id"
            + " WHERE d.state = 'PENDING' AND d.next_attempt_at <= ? AND w.deleted_at IS NULL"
            + " ORDER BY d.next_attempt_at, d.id LIMIT "
            + limit,
        r ->
            new Due(
                r.getLong(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                WebhookFormat.valueOf(r.getString(5)),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                r.getInt(9)),
        now);
  }

  /**
   * Claims a due delivery for one attempt: moves its next attempt to {@code leaseUntil}, so that no
   * other replica takes it meanwhile, and so that it is tried again if this one dies. False when
   * another replica claimed it first.
   */
  boolean claim(Connection c, long id, Instant now, Instant leaseUntil) throws SQLException {
    return Sql.update(
            c,
            "UPDATE webhook_deliveries SET next_attempt_at = ?"
                + " WHERE id = ? AND state = 'PENDING' AND next_attempt_at <= ?",
            leaseUntil,
            id,
            now)
        == 1;
  }

  void delivered(Connection c, long id, Instant at, int status) throws SQLException {
    Sql.update(
        c,
        "UPDATE webhook_deliveries SET state = 'DELIVERED', attempts = attempts + 1,"
            + " last_attempt_at = ?, last_status = ?, last_error = NULL, next_attempt_at = NULL,"
            + " delivered_at = ? WHERE id = ?",
        at,
        status,
        at,
        id);
  }

  /** A failed attempt: tried again at {@code nextAttemptAt}, or given up when that is null. */
  void failed(
      Connection c, long id, Instant at, Integer status, String error, Instant nextAttemptAt)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE webhook_deliveries SET state = ?, attempts = attempts + 1, last_attempt_at = ?,"
            + " last_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
        nextAttemptAt == null ? WebhookDelivery.FAILED : WebhookDelivery.PENDING,
        at,
        status,
        error,
        nextAttemptAt,
        id);
  }

  /** A subscription's deliveries, newest first, before the delivery {@code before} when given. */
  List<WebhookDelivery> deliveries(Connection c, String webhookId, int limit, Long before)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND id < ? ORDER BY id DESC LIMIT "
            + limit,
        WebhookStore::mapDelivery,
        webhookId,
        before == null ? Long.MAX_VALUE : before);
  }

  /** Deliveries of live subscriptions waiting for an attempt. */
  BacklogGauges.Backlog backlog(Connection c) throws SQLException {
    return Sql.one(
            c,
            "SELECT COUNT(*), MIN(d.created_at) FROM webhook_deliveries d"
                + " JOIN webhooks w ON w.id = d.webhook_id"
                + " WHERE d.state = 'PENDING' AND w.deleted_at IS NULL",
            r -> new BacklogGauges.Backlog(r.getLong(1), Sql.instant(r, 2)))
        .orElseThrow();
  }

  private static Webhook map(ResultSet row) throws SQLException {
    return new Webhook(
        row.getString("id"),
        row.getString("vendor_id"),
        row.getString("tenant_id"),
        row.getString("url"),
        split(row.getString("event_types")),
        split(row.getString("product_ids")),
        WebhookFormat.valueOf(row.getString("format")),
        Sql.instant(row, "created_at"));
  }

  private static WebhookDelivery mapDelivery(ResultSet row) throws SQLException {
    int status = row.getInt("last_status");
    Integer lastStatus = row.wasNull() ? null : status;
    return new WebhookDelivery(
        row.getLong("id"),
        row.getString("webhook_id"),
        row.getString("event_id"),
        row.getString("event_type"),
        row.getString("state"),
        row.getInt("attempts"),
        Sql.instant(row, "last_attempt_at"),
        lastStatus,
        row.getString("last_error"),
        Sql.instant(row, "next_attempt_at"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "delivered_at"));
  }

  private static String join(List<String> values) {
    return values == null ? null : String.join(",", values);
  }

  private static List<String> split(String value) {
    return value == null ? null : Arrays.asList(value.split(","));
  }
}
