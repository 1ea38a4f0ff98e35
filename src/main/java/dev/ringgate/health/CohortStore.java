package dev.ringgate.health;

import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what check-ins and telemetry tell about devices in rollouts into {@code rollout_devices}:
 * one row per rollout and device, so a device is counted once however often it reports, and a
 * replayed or late report can only move its times earlier. Rows are written in key order, so that
 * concurrent batches never deadlock each other.
 */
@ApplicationScoped
public class CohortStore {
  private static final String[] TIMES = {
    "offered_ms", "exposed_ms", "booted_ms", "crashed_ms", "control_ms", "control_crashed_ms"
  };

  private final Store store;
  private String upsertSql;

  CohortStore(Store store) {
    this.store = store;
  }

  /** Inserts the rows that are new and merges the others. */
  public void upsert(Connection c, Collection<CohortDelta> deltas) throws SQLException {
    List<CohortDelta> rows = merged(deltas);
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = c.prepareStatement(upsertSql())) {
      for (CohortDelta d : rows) {
        upsert.setString(1, d.rolloutId());
        upsert.setString(2, d.deviceId());
        upsert.setInt(3, d.ring());
        setLong(upsert, 4, d.offeredMs());
        setLong(upsert, 5, d.exposedMs());
        setLong(upsert, 6, d.bootedMs());
        setLong(upsert, 7, d.crashedMs());
        setLong(upsert, 8, d.controlMs());
        setLong(upsert, 9, d.controlCrashedMs());
        setLong(upsert, 10, d.silentAtMs());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /**
   * Updates rows that exist: the silence deadline moves on, and a crash on an older version counts
   * for a control device that had not been offered the release yet.
   */
  public void touch(Connection c, Collection<CohortDelta> deltas) throws SQLException {
    List<CohortDelta> rows = merged(deltas);
    if (rows.isEmpty()) {
      return;
    }
    String sql =
        "UPDATE rollout_devices SET silent_at_ms = CASE WHEN silent_at_ms IS NULL OR silent_at_ms"
            + " < ? THEN ? ELSE silent_at_ms END, control_crashed_ms = CASE WHEN CAST(? AS BIGINT)"
            + " IS NOT NULL AND control_ms IS NOT NULL AND (offered_ms IS NULL OR offered_ms > ?)"
            + " AND control_ms <= ? AND (control_crashed_ms IS NULL OR control_crashed_ms > ?) THEN ?"
            + " ELSE"
            + " control_crashed_ms END WHERE rollout_id = ? AND device_id = ?";
    try (PreparedStatement update = c.prepareStatement(sql)) {
      for (CohortDelta d : rows) {
        long silentAt = d.silentAtMs() == null ? Long.MIN_VALUE : d.silentAtMs();
        update.setLong(1, silentAt);
        update.setLong(2, silentAt);
        setLong(update, 3, d.controlCrashedMs());
        setLong(update, 4, d.controlCrashedMs());
        setLong(update, 5, d.controlCrashedMs());
        setLong(update, 6, d.controlCrashedMs());
        setLong(update, 7, d.controlCrashedMs());
        update.setString(8, d.rolloutId());
        update.setString(9, d.deviceId());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private static List<CohortDelta> merged(Collection<CohortDelta> deltas) {
    Map<String, CohortDelta> byKey = new LinkedHashMap<>();
    for (CohortDelta d : deltas) {
      byKey.merge(d.key(), d, CohortDelta::merge);
    }
    List<CohortDelta> rows = new ArrayList<>(byKey.values());
    rows.sort(Comparator.comparing(CohortDelta::rolloutId).thenComparing(CohortDelta::deviceId));
    return rows;
  }

  private String upsertSql() {
    if (upsertSql == null) {
      upsertSql = store.isPostgres() ? postgresUpsert() : h2Upsert();
    }
    return upsertSql;
  }

  private static String columns() {
    return "rollout_id, device_id, ring_index, " + String.join(", ", TIMES) + ", silent_at_ms";
  }

  /** Each time keeps its earliest known value; the silence deadline its latest. */
  private static String mergeSet(String row, String incoming) {
    StringBuilder set = new StringBuilder();
    for (String time : TIMES) {
      set.append(time)
          .append(" = CASE WHEN ")
          .append(row)
          .append('.')
          .append(time)
          .append(" IS NULL OR ")
          .append(row)
          .append('.')
          .append(time)
          .append(" > ")
          .append(incoming)
          .append('.')
          .append(time)
          .append(" THEN COALESCE(")
          .append(incoming)
          .append('.')
          .append(time)
          .append(", ")
          .append(row)
          .append('.')
          .append(time)
          .append(") ELSE ")
          .append(row)
          .append('.')
          .append(time)
          .append(" END, ");
    }
    set.append("silent_at_ms = CASE WHEN ")
        .append(row)
        .append(".silent_at_ms IS NULL OR ")
        .append(row)
        .append(".silent_at_ms < ")
        .append(incoming)
        .append(".silent_at_ms THEN COALESCE(")
        .append(incoming)
        .append(".silent_at_ms, ")
        .append(row)
        .append(".silent_at_ms) ELSE ")
        .append(row)
        .append(".silent_at_ms END");
    return set.toString();
  }

  private static String postgresUpsert() {
    return "INSERT INTO rollout_devices AS d ("
        + columns()
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rollout_id, device_id) DO UPDATE SET "
        + mergeSet("d", "EXCLUDED");
  }

  private static String h2Upsert() {
    StringBuilder values = new StringBuilder("CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(128)),");
    values.append(" CAST(? AS INT)");
    for (int i = 0; i < TIMES.length + 1; i++) {
      values.append(", CAST(? AS BIGINT)");
    }
    return "MERGE INTO rollout_devices d USING (VALUES ("
        + values
        + ")) v("
        + columns()
        + ") ON d.rollout_id = v.rollout_id AND d.device_id = v.device_id WHEN MATCHED THEN"
        + " UPDATE SET "
        + mergeSet("d", "v")
        + " WHEN NOT MATCHED THEN INSERT ("
        + columns()
        + ") VALUES (v.rollout_id, v.device_id, v.ring_index, v.offered_ms, v.exposed_ms,"
        + " v.booted_ms, v.crashed_ms, v.control_ms, v.control_crashed_ms, v.silent_at_ms)";
  }

  private static void setLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }
}
