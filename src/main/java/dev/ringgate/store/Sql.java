package dev.ringgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers, so that stores state their SQL and mapping and nothing else. */
public final class Sql {
  /** SQLSTATE of a unique-key violation, the same in H2 and PostgreSQL. */
  public static final String UNIQUE_VIOLATION = "23505";

  private Sql() {}

  /** Maps one row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, params);
        ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    }
  }

  public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, params);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
    }
  }

  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, params)) {
      return statement.executeUpdate();
    }
  }

  public static boolean isUniqueViolation(SQLException e) {
    return UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  /**
   * Runs {@code upsert} once with {@code params}, one per column; returns the rows written (0 when
   * it kept an existing row).
   */
  public static int upsert(Connection c, Upsert upsert, Object... params) throws SQLException {
    return update(c, upsert.sql(c), params);
  }

  /**
   * The one time conversion: an {@link Instant} as the value of a {@code TIMESTAMP WITH TIME ZONE}
   * parameter (UTC), or null. Parameters of {@link #list}, {@link #one} and {@link #update} are
   * converted already; use this where a store binds a statement itself.
   */
  public static OffsetDateTime timestamp(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  /** {@link #timestamp(Instant)} of epoch milliseconds. */
  public static OffsetDateTime timestamp(long epochMillis) {
    return timestamp(Instant.ofEpochMilli(epochMillis));
  }

  /** Reads a timestamp column as an {@link Instant}, or null. */
  public static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Reads the timestamp column at {@code index} (from 1) as an {@link Instant}, or null. */
  public static Instant instant(ResultSet row, int index) throws SQLException {
    OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement statement = c.prepareStatement(sql);
    try {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, toJdbc(params[i]));
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static Object toJdbc(Object value) {
    if (value instanceof Instant instant) {
      return timestamp(instant);
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Timestamp) {
      throw new IllegalArgumentException("use Instant, not Timestamp");
    }
    return value;
  }
}
