package dev.ringgate.health;

import dev.ringgate.health.domain.RingCounts;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A rollout's figures per ring, in distinct devices, summed from {@code rollout_devices}: who was
 * offered the release or seen on it, who crashed, who is silent now, the control group, the
 * device-hours of both, and the fast path's recent devices.
 */
@ApplicationScoped
public class RingCountsStore {
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  /** When exposure starts: the offer. */
  private static final String START = "offered_ms";

  /**
   * Devices count for the release only once it was offered to them in this rollout (API.md:
   * "reported ... and were offered it"): reports about a release nobody offered the device, such as
   * made-up device ids, do not move the gate.
   */
  private static final String AT_RISK = "(offered_ms IS NOT NULL)";

  private static final String SQL =
      "SELECT ring_index,"
          + " SUM(CASE WHEN "
          + AT_RISK
          + " AND (exposed_ms IS NOT NULL OR booted_ms IS NOT NULL) THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN "
          + AT_RISK
          + " THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN "
          + AT_RISK
          + " AND crashed_ms IS NOT NULL THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN crashed_ms IS NULL AND "
          + AT_RISK
          + " AND silent_at_ms < ? THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN control_ms IS NOT NULL THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN control_ms IS NOT NULL AND control_crashed_ms IS NOT NULL THEN 1"
          + " ELSE 0 END),"
          + " SUM(CASE WHEN control_ms IS NOT NULL AND control_crashed_ms IS NULL AND NOT "
          + AT_RISK
          + " AND silent_at_ms < ? THEN 1 ELSE 0 END),"
          // device-milliseconds at risk on the release: from the start to the crash or now
          + " SUM(CASE WHEN "
          + AT_RISK
          + " THEN GREATEST(LEAST(COALESCE(crashed_ms, ?), ?) - "
          + START
          + ", 0) ELSE 0 END),"
          // device-milliseconds in control: from joining to the offer, the crash or now
          + " SUM(CASE WHEN control_ms IS NOT NULL THEN GREATEST(LEAST(COALESCE(offered_ms, ?),"
          + " COALESCE(control_crashed_ms, ?), ?) - control_ms, 0) ELSE 0 END),"
          + " SUM(CASE WHEN "
          + AT_RISK
          + " AND "
          + START
          + " >= ? AND (exposed_ms IS NOT NULL OR crashed_ms IS NOT NULL) THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN "
          + AT_RISK
          + " AND crashed_ms IS NOT NULL AND "
          + START
          + " >= ? THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN control_ms IS NOT NULL AND control_crashed_ms IS NULL AND NOT "
          + AT_RISK
          + " THEN 1 ELSE 0 END)"
          + " FROM rollout_devices WHERE rollout_id = ? GROUP BY ring_index";

  private final HealthConfig config;

  RingCountsStore(HealthConfig config) {
    this.config = config;
  }

  /** Counts by ring index at {@code nowMillis}; rings without devices are absent. */
  public Map<Integer, RingCounts> counts(Connection c, String rolloutId, long nowMillis)
      throws SQLException {
    long recentSince = nowMillis - config.catastrophicWindow().toMillis();
    Map<Integer, RingCounts> counts = new HashMap<>();
    try (PreparedStatement query = c.prepareStatement(SQL)) {
      int i = 1;
      query.setLong(i++, nowMillis);
      query.setLong(i++, nowMillis);
      for (int k = 0; k < 5; k++) {
        query.setLong(i++, nowMillis);
      }
      query.setLong(i++, recentSince);
      query.setLong(i++, recentSince);
      query.setString(i, rolloutId);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          counts.put(
              row.getInt(1),
              new RingCounts(
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
                  row.getLong(13)));
        }
      }
    }
    return counts;
  }
}
