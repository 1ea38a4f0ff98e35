package dev.ringgate.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one upsert idiom: insert a row, and when a row with the same key exists, update it (by
 * default each column takes the new value), keep it ({@link #keepingExisting()}), or combine the
 * two ({@link #merging}). It is written {@code INSERT ... ON CONFLICT (key) DO ...} for PostgreSQL
 * and {@code MERGE INTO ... USING (VALUES ...)} for H2; in both, {@code stored} names the row in
 * the table and {@code excluded} the row offered. The parameters are the columns, in the order
 * given to {@link #into}. Build one as a constant; the statement is generated once per backend.
 */
public final class Upsert {
  private final String table;
  private final List<String> columns;
  private final List<String> keys;
  private final Map<String, String> merges;
  private final boolean keepExisting;
  private String postgres;
  private String h2;

  private Upsert(
      String table,
      List<String> columns,
      List<String> keys,
      Map<String, String> merges,
      boolean keepExisting) {
    this.table = table;
    this.columns = columns;
    this.keys = keys;
    this.merges = merges;
    this.keepExisting = keepExisting;
  }

  /**
   * An upsert into {@code table} of {@code columns}, keyed by the first column until {@link #on}.
   */
  public static Upsert into(String table, String... columns) {
    return new Upsert(table, List.of(columns), List.of(columns[0]), Map.of(), false);
  }

  /** The key columns whose conflict makes this an update. */
  public Upsert on(String... keyColumns) {
    for (String key : keyColumns) {
      if (!columns.contains(key)) {
        throw new IllegalArgumentException(key + " is not one of " + columns);
      }
    }
    return new Upsert(table, columns, List.of(keyColumns), merges, keepExisting);
  }

  /** On conflict the stored row stays as it is: insert if absent. */
  public Upsert keepingExisting() {
    return new Upsert(table, columns, keys, merges, true);
  }

  /**
   * On conflict {@code column} becomes {@code expression}, written over {@code stored.<column>} and
   * {@code excluded.<column>}; the other columns take the offered value.
   */
  public Upsert merging(String column, String expression) {
    Map<String, String> more = new LinkedHashMap<>(merges);
    more.put(column, expression);
    return new Upsert(table, columns, keys, more, keepExisting);
  }

  /** The statement for the backend behind {@code c}. */
  public String sql(Connection c) throws SQLException {
    return isPostgres(c) ? postgres() : h2();
  }

  static boolean isPostgres(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
  }

  String postgres() {
    if (postgres == null) {
      String conflict = " ON CONFLICT (" + String.join(", ", keys) + ") DO ";
      postgres =
          "INSERT INTO "
              + table
              + " AS stored ("
              + String.join(", ", columns)
              + ") VALUES ("
              + placeholders()
              + ")"
              + conflict
              + (keepExisting || updated().isEmpty() ? "NOTHING" : "UPDATE SET " + assignments());
    }
    return postgres;
  }

  String h2() {
    if (h2 == null) {
      String on =
          keys.stream().map(k -> "stored." + k + " = excluded." + k).collect(joining(" AND "));
      String matched =
          keepExisting || updated().isEmpty()
              ? ""
              : " WHEN MATCHED THEN UPDATE SET " + assignments();
      h2 =
          "MERGE INTO "
              + table
              + " AS stored USING (VALUES ("
              + placeholders()
              + ")) AS excluded("
              + String.join(", ", columns)
              + ") ON "
              + on
              + matched
              + " WHEN NOT MATCHED THEN INSERT ("
              + String.join(", ", columns)
              + ") VALUES ("
              + columns.stream().map(c -> "excluded." + c).collect(joining(", "))
              + ")";
    }
    return h2;
  }

  private List<String> updated() {
    List<String> updated = new ArrayList<>(columns);
    updated.removeAll(keys);
    return updated;
  }

  private String assignments() {
    return updated().stream()
        .map(c -> c + " = " + merges.getOrDefault(c, "excluded." + c))
        .collect(joining(", "));
  }

  private String placeholders() {
    return columns.stream().map(c -> "?").collect(joining(", "));
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining(String separator) {
    return Collectors.joining(separator);
  }
}
