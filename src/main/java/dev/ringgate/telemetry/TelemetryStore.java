package dev.ringgate.telemetry;

import dev.ringgate.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Telemetry in the store: every accepted event ({@code telemetry_events}), the failures among them
 * for the fleet view ({@code telemetry_failures}), and their deletion after the retention period.
 */
final class TelemetryStore {
  static final int ROWS_PER_INSERT = 250;

  private static final String FULL_INSERT = insertSql(ROWS_PER_INSERT);

  private TelemetryStore() {}

  /**
   * Inserts the events received at {@code received}, and the failures among them. One INSERT of
   * many rows: a single round trip and statement per chunk, several times faster than a JDBC batch
   * of single-row inserts on PostgreSQL. The statement of a full chunk is built once.
   */
  static void insert(Connection c, List<TelemetryEvent> events, String source, Instant received)
      throws SQLException {
    OffsetDateTime receivedAt = Sql.timestamp(received);
    for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
      List<TelemetryEvent> rows =
          events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT));
      try (PreparedStatement insert = c.prepareStatement(insertSql(rows.size()))) {
        int p = 1;
        for (TelemetryEvent event : rows) {
          insert.setString(p++, event.tenantId());
          insert.setString(p++, event.deviceId());
          insert.setString(p++, event.productId());
          insert.setString(p++, event.version());
          insert.setString(p++, event.type().name());
          insert.setObject(p++, Sql.timestamp(event.at()));
          insert.setObject(p++, receivedAt);
          insert.setString(p++, source);
          insert.setString(p++, event.detail());
        }
        insert.executeUpdate();
      }
    }
    insertFailures(c, events, receivedAt);
  }

  private static String insertSql(int rows) {
    if (rows == ROWS_PER_INSERT && FULL_INSERT != null) {
      return FULL_INSERT;
    }
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO telemetry_events (tenant_id, device_id, product_id, version, event_type,"
                + " at, received_at, source, detail) VALUES ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    return sql.toString();
  }

  private static void insertFailures(
      Connection c, List<TelemetryEvent> events, OffsetDateTime receivedAt) throws SQLException {
    try (PreparedStatement failure =
        c.prepareStatement(
            "INSERT INTO telemetry_failures (tenant_id, product_id, device_id, received_at)"
                + " VALUES (?, ?, ?, ?)")) {
      int failures = 0;
      for (TelemetryEvent event : events) {
        if (event.type().isFailure()) {
          failure.setString(1, event.tenantId());
          failure.setString(2, event.productId());
          failure.setString(3, event.deviceId());
          failure.setObject(4, receivedAt);
          failure.addBatch();
          failures++;
        }
      }
      if (failures > 0) {
        failure.executeBatch();
      }
    }
  }

  /**
   * The first id received at or after {@code cutoff}: ids grow with the time of receipt (nearly:
   * PostgreSQL hands out cached blocks of ids per connection), so a binary search over the key
   * finds it without an index on the time.
   */
  static long firstKeptId(Connection c, Instant cutoff) throws SQLException {
    long[] range =
        Sql.one(
                c,
                "SELECT MIN(id), MAX(id) FROM telemetry_events",
                r -> new long[] {r.getLong(1), r.getLong(2)})
            .orElse(new long[] {0, 0});
    long low = range[0];
    long high = range[1] + 1;
    while (low < high) {
      long middle = low + (high - low) / 2;
      Instant at =
          Sql.one(
                  c,
                  "SELECT received_at FROM telemetry_events WHERE id >= ? ORDER BY id LIMIT 1",
                  r -> Sql.instant(r, 1),
                  middle)
              .orElse(Instant.MAX);
      if (at.isBefore(cutoff)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Deletes up to {@code limit} events below id {@code below} received before {@code cutoff}. */
  static int deleteEvents(Connection c, long below, Instant cutoff, int limit) throws SQLException {
    return Sql.update(
        c,
        "DELETE FROM telemetry_events WHERE id IN (SELECT id FROM telemetry_events"
            + " WHERE id < ? AND received_at < ? ORDER BY id LIMIT "
            + limit
            + ")",
        below,
        cutoff);
  }

  /** Deletes the failures received before {@code cutoff}. */
  static int deleteFailures(Connection c, Instant cutoff) throws SQLException {
    return Sql.update(c, "DELETE FROM telemetry_failures WHERE received_at < ?", cutoff);
  }

  /** Deletes the gate's rows of rollouts that ended before {@code cutoff}. */
  static int deleteEndedCohorts(Connection c, Instant cutoff) throws SQLException {
    return Sql.update(
        c,
        "DELETE FROM rollout_devices WHERE rollout_id IN (SELECT id FROM rollouts WHERE"
            + " state IN ('COMPLETED', 'SUPERSEDED', 'HALTED', 'ROLLED_BACK') AND"
            + " updated_at < ?)",
        cutoff);
  }

  /** Distinct devices of the tenant that reported a failure of the product since {@code since}. */
  static long failingDevices(Connection c, String tenantId, String productId, Instant since)
      throws SQLException {
    return Sql.one(
            c,
            "SELECT COUNT(DISTINCT device_id) FROM telemetry_failures WHERE tenant_id = ?"
                + " AND product_id = ? AND received_at >= ?",
            r -> r.getLong(1),
            tenantId,
            productId,
            since)
        .orElse(0L);
  }

  /** Of {@code deviceIds}, those the rollout offered its release to (as the gate counts them). */
  static Set<String> offered(Connection c, String rolloutId, List<String> deviceIds)
      throws SQLException {
    Set<String> offered = new HashSet<>();
    for (int from = 0; from < deviceIds.size(); from += ROWS_PER_INSERT) {
      List<String> chunk =
          deviceIds.subList(from, Math.min(deviceIds.size(), from + ROWS_PER_INSERT));
      List<Object> params = new ArrayList<>(chunk.size() + 1);
      params.add(rolloutId);
      params.addAll(chunk);
      offered.addAll(
          Sql.list(
              c,
              "SELECT device_id FROM rollout_devices WHERE rollout_id = ? AND offered_ms IS NOT"
                  + " NULL AND device_id IN ("
                  + "?,".repeat(chunk.size() - 1)
                  + "?)",
              r -> r.getString(1),
              params.toArray()));
    }
    return offered;
  }
}
