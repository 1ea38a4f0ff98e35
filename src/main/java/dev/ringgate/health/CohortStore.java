package dev.ringgate.health;

import dev.ringgate.store.Upsert;
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

  /** Each time keeps its earliest known value; the silence deadlines their latest. */
  private static final Upsert UPSERT = upsert();

  /** Inserts the rows that are new and merges the others. */
  public void upsert(Connection c, Collection<CohortDelta> deltas) throws SQLException {
    List<CohortDelta> rows = merged(deltas);
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = c.prepareStatement(UPSERT.sql(c))) {
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
        setLong(upsert, 11, d.earlySilentAtMs());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /**
   * Updates rows that exist: the silence deadlines move on, and a crash on an older version counts
   * for a control device that had not been offered the release yet.
   */
  public void touch(Connection c, Collection<CohortDelta> deltas) throws SQLException {
    List<CohortDelta> rows = merged(deltas);
    if (rows.isEmpty()) {
      return;
    }
    String sql =
        "UPDATE rollout_devices SET silent_at_ms = CASE WHEN silent_at_ms IS NULL OR silent_at_ms"
            + " < ? THEN ? ELSE silent_at_ms END, early_silent_at_ms = CASE WHEN early_silent_at_ms"
            + " IS NULL OR early_silent_at_ms < ? THEN ? ELSE early_silent_at_ms END,"
            + " control_crashed_ms = CASE WHEN CAST(? AS BIGINT)"
            + " IS NOT NULL AND control_ms IS NOT NULL AND (offered_ms IS NULL OR offered_ms > ?)"
            + " AND control_ms <= ? AND (control_crashed_ms IS NULL OR control_crashed_ms > ?) THEN ?"
            + " ELSE"
            + " control_crashed_ms END WHERE rollout_id = ? AND device_id = ?";
    try (PreparedStatement update = c.prepareStatement(sql)) {
      for (CohortDelta d : rows) {
        long silentAt = d.silentAtMs() == null ? Long.MIN_VALUE : d.silentAtMs();
        update.setLong(1, silentAt);
        update.setLong(2, silentAt);
        setLong(update, 3, d.earlySilentAtMs());
        setLong(update, 4, d.earlySilentAtMs());
        setLong(update, 5, d.controlCrashedMs());
        setLong(update, 6, d.controlCrashedMs());
        setLong(update, 7, d.controlCrashedMs());
        setLong(update, 8, d.controlCrashedMs());
        setLong(update, 9, d.controlCrashedMs());
        update.setString(10, d.rolloutId());
        update.setString(11, d.deviceId());
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

  private static Upsert upsert() {
    List<String> columns = new ArrayList<>(List.of("rollout_id", "device_id", "ring_index"));
    columns.addAll(List.of(TIMES));
    columns.add("silent_at_ms");
    columns.add("early_silent_at_ms");
    Upsert upsert =
        Upsert.into("rollout_devices", columns.toArray(String[]::new))
            .on("rollout_id", "device_id")
            .merging("ring_index", "stored.ring_index");
    for (String time : TIMES) {
      upsert = upsert.merging(time, keep(time, ">"));
    }
    return upsert
        .merging("silent_at_ms", keep("silent_at_ms", "<"))
        .merging("early_silent_at_ms", keep("early_silent_at_ms", "<"));
  }

  /** The offered value when the stored one is null or compares {@code than} it, else the stored. */
  private static String keep(String column, String than) {
    String stored = "stored." + column;
    String offered = "excluded." + column;
    return "CASE WHEN %1$s IS NULL OR %1$s %3$s %2$s THEN COALESCE(%2$s, %1$s) ELSE %1$s END"
        .formatted(stored, offered, than);
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
