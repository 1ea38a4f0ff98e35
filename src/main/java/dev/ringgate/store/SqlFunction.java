package dev.ringgate.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on one JDBC connection, run by {@link Store}. */
@FunctionalInterface
public interface SqlFunction<T> {
  T apply(Connection connection) throws SQLException;
}
