package dev.ringgate.health;

import dev.ringgate.health.domain.RingCounts;
import dev.ringgate.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rollout's figures per ring, in distinct devices, summed from {@code rollout_devices}: who was
 * offered the release or seen on it, who crashed, who is silent now, the control group, the
 * device-hours of both, and the fast path's recent devices. Two views: the cumulative counters of
 * every device offered (the rollout view's), and the gate's evidence: established devices only, per
 * tenant, from the start of the evidence window on.
 */
@ApplicationScoped
public class RingCountsStore {
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  private enum Param {
    NOW,
    SINCE,
    RECENT
  }

  /** The figures' columns and their parameters, in order. */
  private record Columns(String sql, List<Param> params) {}

  private static final Columns FIGURES = figures();

  /** Cumulative: every device, from the start. */
  private static final String SQL =
      FIGURES.sql() + " FROM rollout_devices WHERE rollout_id = ? GROUP BY ring_index";

  /**
   * The gate's evidence: devices that had checked in for the product before the rollout started,
   * per tenant, counted from the evidence window's start. The last column is every established
   * device of the tenant that took part in the ring.
   */
  private static final String EVIDENCE_SQL =
      FIGURES.sql()
          + ", d.tenant_id, COUNT(*) FROM rollout_devices rd JOIN devices d ON d.id ="
          + " rd.device_id JOIN device_products dp ON dp.device_id = rd.device_id AND"
          + " dp.product_id = ? WHERE rd.rollout_id = ? AND dp.first_seen_at < ?"
          + " GROUP BY rd.ring_index, d.tenant_id";

  private final HealthConfig config;

  RingCountsStore(HealthConfig config) {
    this.config = config;
  }

  /** One tenant's evidence in one ring. */
  public record TenantRow(int ring, String tenantId, RingCounts counts, long participants) {}

  /** Counts by ring index at {@code nowMillis}; rings without devices are absent. */
  public Map<Integer, RingCounts> counts(Connection c, String rolloutId, long nowMillis)
      throws SQLException {
    Map<Integer, RingCounts> counts = new HashMap<>();
    try (PreparedStatement query = c.prepareStatement(SQL)) {
      int i = bind(query, nowMillis, 0);
      query.setString(i, rolloutId);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          counts.put(row.getInt(1), map(row));
        }
      }
    }
    return counts;
  }

  /**
   * The gate's evidence per ring and tenant at {@code nowMillis}: devices first seen for the
   * product before {@code startedAt}, from {@code sinceMillis} on.
   */
  public List<TenantRow> evidence(
      Connection c,
      String rolloutId,
      String productId,
      Instant startedAt,
      long sinceMillis,
      long nowMillis)
      throws SQLException {
    List<TenantRow> rows = new ArrayList<>();
    try (PreparedStatement query = c.prepareStatement(EVIDENCE_SQL)) {
      int i = bind(query, nowMillis, sinceMillis);
      query.setString(i++, productId);
      query.setString(i++, rolloutId);
      query.setObject(i, Sql.timestamp(startedAt));
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          rows.add(new TenantRow(row.getInt(1), row.getString(16), map(row), row.getLong(17)));
        }
      }
    }
    return rows;
  }

  /**
   * Every established device of the product (first seen before {@code startedAt}) with its tenant,
   * streamed to {@code each}.
   */
  public void established(
      Connection c,
      String productId,
      Instant startedAt,
      java.util.function.BiConsumer<String, String> each)
      throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT dp.device_id, d.tenant_id FROM device_products dp JOIN devices d ON d.id ="
                + " dp.device_id WHERE dp.product_id = ? AND dp.first_seen_at < ?")) {
      query.setFetchSize(10_000);
      query.setString(1, productId);
      query.setObject(2, Sql.timestamp(startedAt));
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          each.accept(row.getString(1), row.getString(2));
        }
      }
    }
  }

  /** Binds the figures' parameters from index 1; returns the next index. */
  private int bind(PreparedStatement query, long nowMillis, long sinceMillis) throws SQLException {
    long recentSince = nowMillis - config.catastrophicWindow().toMillis();
    int i = 1;
    for (Param p : FIGURES.params()) {
      long value =
          switch (p) {
            case NOW -> nowMillis;
            case SINCE -> sinceMillis;
            case RECENT -> recentSince;
          };
      query.setLong(i++, value);
    }
    return i;
  }

  private static RingCounts map(ResultSet row) throws SQLException {
    return new RingCounts(
        row.getLong(2),
        row.getLong(3),
        row.getLong(4),
        row.getLong(5),
        row.getLong(6),
        row.getLong(7),
        row.getLong(8),
        Math.max(0, row.getLong(9)) / MILLIS_PER_HOUR,
        Math.max(0, row.getLong(10)) / MILLIS_PER_HOUR,
        row.getLong(11),
        row.getLong(12),
        row.getLong(13),
        row.getLong(14),
        row.getLong(15));
  }

  /**
   * The figures' columns, ring index first. {@code S} is the evidence window's start (0 for the
   * cumulative counters): a device at risk counts unless it crashed before it, its exposure and
   * control time count from it, and failures count when they happened (or fell silent) after it.
   * With S = 0 the figures are the cumulative ones.
   */
  private static Columns figures() {
    List<Param> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ring_index");
    // devices count for the release only once it was offered to them in this rollout (API.md:
    // "reported ... and were offered it"): reports about a release nobody offered the device,
    // such as made-up device ids, do not move the gate
    String atRisk = "(offered_ms IS NOT NULL AND (crashed_ms IS NULL OR crashed_ms >= ?))";
    String start = "GREATEST(offered_ms, ?)";
    String control =
        "(control_ms IS NOT NULL AND (control_crashed_ms IS NULL OR control_crashed_ms >= ?)"
            + " AND (offered_ms IS NULL OR offered_ms >= ?))";
    // exposed
    sum(
        sql,
        atRisk + " AND (exposed_ms IS NOT NULL OR booted_ms IS NOT NULL)",
        params,
        Param.SINCE);
    // at risk
    sum(sql, atRisk, params, Param.SINCE);
    // crashed
    sum(sql, atRisk + " AND crashed_ms IS NOT NULL", params, Param.SINCE);
    // silent now, fallen silent within the window
    sum(
        sql,
        "crashed_ms IS NULL AND offered_ms IS NOT NULL AND silent_at_ms < ? AND silent_at_ms >= ?",
        params,
        Param.NOW,
        Param.SINCE);
    // control
    sum(sql, control, params, Param.SINCE, Param.SINCE);
    // control crashed
    sum(sql, control + " AND control_crashed_ms IS NOT NULL", params, Param.SINCE, Param.SINCE);
    // control silent
    sum(
        sql,
        "control_ms IS NOT NULL AND control_crashed_ms IS NULL AND offered_ms IS NULL AND"
            + " silent_at_ms < ? AND silent_at_ms >= ?",
        params,
        Param.NOW,
        Param.SINCE);
    // device-milliseconds at risk on the release: from the offer (or S) to the crash or now
    sql.append(", SUM(CASE WHEN ")
        .append(atRisk)
        .append(" THEN GREATEST(LEAST(COALESCE(crashed_ms, ?), ?) - ")
        .append(start)
        .append(", 0) ELSE 0 END)");
    params.addAll(List.of(Param.SINCE, Param.NOW, Param.NOW, Param.SINCE));
    // device-milliseconds in control: from joining it (or S) to the offer, the crash or now
    sql.append(
        ", SUM(CASE WHEN control_ms IS NOT NULL THEN GREATEST(LEAST(COALESCE(offered_ms, ?),"
            + " COALESCE(control_crashed_ms, ?), ?) - GREATEST(control_ms, ?), 0) ELSE 0 END)");
    params.addAll(List.of(Param.NOW, Param.NOW, Param.NOW, Param.SINCE));
    // the fast path's devices: first at risk within its window
    sum(
        sql,
        atRisk + " AND " + start + " >= ? AND (exposed_ms IS NOT NULL OR crashed_ms IS NOT NULL)",
        params,
        Param.SINCE,
        Param.SINCE,
        Param.RECENT);
    sum(
        sql,
        atRisk + " AND crashed_ms IS NOT NULL AND " + start + " >= ?",
        params,
        Param.SINCE,
        Param.SINCE,
        Param.RECENT);
    // control devices now: never offered, not crashed
    sum(
        sql,
        "control_ms IS NOT NULL AND control_crashed_ms IS NULL AND offered_ms IS NULL",
        params);
    // early-silent now (one missed check-in and the grace), fallen so within the window: at
    // risk, then control as for silence
    sum(
        sql,
        "crashed_ms IS NULL AND offered_ms IS NOT NULL AND early_silent_at_ms < ? AND"
            + " early_silent_at_ms >= ?",
        params,
        Param.NOW,
        Param.SINCE);
    sum(
        sql,
        "control_ms IS NOT NULL AND control_crashed_ms IS NULL AND offered_ms IS NULL AND"
            + " early_silent_at_ms < ? AND early_silent_at_ms >= ?",
        params,
        Param.NOW,
        Param.SINCE);
    return new Columns(sql.toString(), List.copyOf(params));
  }

  private static void sum(StringBuilder sql, String condition, List<Param> params, Param... these) {
    sql.append(", SUM(CASE WHEN ").append(condition).append(" THEN 1 ELSE 0 END)");
    params.addAll(List.of(these));
  }
}
