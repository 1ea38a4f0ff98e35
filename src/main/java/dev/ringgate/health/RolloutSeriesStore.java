package dev.ringgate.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A rollout's figures over time, all rings together, read from the times that {@code
 * rollout_devices} keeps: at each of a few moments, how many devices had been offered the release
 * (exposed, as the gate counts them at risk) and how many of them had failed (crashed, or silent as
 * known now), and the same for the control group. One scan of the rollout's rows answers every
 * moment, so the console's chart costs one query.
 */
@ApplicationScoped
public class RolloutSeriesStore {
  /** The most moments one query asks for. */
  public static final int MAX_POINTS = 120;

  /** The figures at one moment ({@code atMs}, epoch milliseconds). */
  public record Point(long atMs, long exposed, long failed, long control, long controlFailed) {}

  /** The figures at each of {@code moments} (epoch milliseconds, at most {@link #MAX_POINTS}). */
  public List<Point> series(Connection c, String rolloutId, long[] moments) throws SQLException {
    if (moments.length == 0 || moments.length > MAX_POINTS) {
      throw new IllegalArgumentException("between 1 and " + MAX_POINTS + " moments");
    }
    try (PreparedStatement query = c.prepareStatement(sql(moments.length))) {
      int i = 1;
      for (long at : moments) {
        for (int k = 0; k < PER_POINT; k++) {
          query.setLong(i++, at);
        }
      }
      query.setString(i, rolloutId);
      try (ResultSet row = query.executeQuery()) {
        List<Point> points = new ArrayList<>(moments.length);
        row.next();
        for (int p = 0; p < moments.length; p++) {
          int col = 1 + p * 4;
          points.add(
              new Point(
                  moments[p],
                  row.getLong(col),
                  row.getLong(col + 1),
                  row.getLong(col + 2),
                  row.getLong(col + 3)));
        }
        return points;
      }
    }
  }

  /**
   * One ring's figures at one moment: crashes and silence apart, and the device-hours of both
   * groups up to the moment (from a device's offer, or from joining the control until the moment or
   * its offer), so that the gate's evidence can be computed from them.
   */
  public record RingPoint(
      long atMs,
      long exposed,
      long crashed,
      long silent,
      long control,
      long controlCrashed,
      long controlSilent,
      double exposedHours,
      double controlHours) {}

  /** Ring {@code ringIndex}'s figures at each of {@code moments}, as {@link #series}. */
  public List<RingPoint> ringSeries(Connection c, String rolloutId, int ringIndex, long[] moments)
      throws SQLException {
    if (moments.length == 0 || moments.length > MAX_POINTS) {
      throw new IllegalArgumentException("between 1 and " + MAX_POINTS + " moments");
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int p = 0; p < moments.length; p++) {
      sql.append(p > 0 ? ", " : "")
          .append(RING_POINT.replace(":ring", Integer.toString(ringIndex)));
    }
    sql.append(" FROM rollout_devices WHERE rollout_id = ? AND ring_index >= ?");
    int perPoint = (int) RING_POINT.chars().filter(ch -> ch == '?').count();
    try (PreparedStatement query = c.prepareStatement(sql.toString())) {
      int i = 1;
      for (long at : moments) {
        for (int k = 0; k < perPoint; k++) {
          query.setLong(i++, at);
        }
      }
      query.setString(i++, rolloutId);
      query.setInt(i, ringIndex);
      try (ResultSet row = query.executeQuery()) {
        List<RingPoint> points = new ArrayList<>(moments.length);
        row.next();
        for (int p = 0; p < moments.length; p++) {
          int col = 1 + p * 8;
          points.add(
              new RingPoint(
                  moments[p],
                  row.getLong(col),
                  row.getLong(col + 1),
                  row.getLong(col + 2),
                  row.getLong(col + 3),
                  row.getLong(col + 4),
                  row.getLong(col + 5),
                  row.getLong(col + 6) / 3_600_000.0,
                  row.getLong(col + 7) / 3_600_000.0));
        }
        return points;
      }
    }
  }

  /** A control device at the moment: joined the control, not offered the release yet. */
  private static final String CONTROL =
      "control_ms <= ? AND (offered_ms IS NULL OR offered_ms > ?)";

  /**
   * The eight figures of one ring at one moment; every parameter is the moment. Exposed figures
   * count the ring's own devices ({@code ring_index = :ring}); control figures count its own and
   * those of later rings (the fleet control, as the gate), while they are not offered the release.
   */
  private static final String RING_POINT =
      String.join(
          ", ",
          sum("ring_index = :ring AND offered_ms <= ?"),
          sum("ring_index = :ring AND offered_ms <= ? AND crashed_ms <= ?"),
          sum(
              "ring_index = :ring AND offered_ms <= ? AND (crashed_ms IS NULL OR crashed_ms > ?)"
                  + " AND silent_at_ms <= ?"),
          sum(CONTROL),
          sum(CONTROL + " AND control_crashed_ms <= ?"),
          sum(
              CONTROL
                  + " AND (control_crashed_ms IS NULL OR control_crashed_ms > ?)"
                  + " AND silent_at_ms <= ?"),
          "COALESCE(SUM(CASE WHEN ring_index = :ring AND offered_ms <= ? THEN ? - offered_ms"
              + " ELSE 0 END), 0)",
          "COALESCE(SUM(CASE WHEN control_ms <= ? THEN GREATEST(0, LEAST(?, COALESCE(offered_ms,"
              + " ?)) - control_ms) ELSE 0 END), 0)");

  /** Parameters each moment binds, all equal to the moment. */
  private static final int PER_POINT = 7;

  private static String sql(int points) {
    String exposed = "offered_ms <= ?";
    String failed =
        "offered_ms <= ? AND (crashed_ms <= ? OR (crashed_ms IS NULL AND silent_at_ms <= ?))";
    String control = "control_ms <= ?";
    String controlFailed = "control_ms <= ? AND control_crashed_ms <= ?";
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int p = 0; p < points; p++) {
      if (p > 0) {
        sql.append(", ");
      }
      sql.append(sum(exposed))
          .append(", ")
          .append(sum(failed))
          .append(", ")
          .append(sum(control))
          .append(", ")
          .append(sum(controlFailed));
    }
    return sql.append(" FROM rollout_devices WHERE rollout_id = ?").toString();
  }

  private static String sum(String condition) {
    return "COALESCE(SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END), 0)";
  }
}
