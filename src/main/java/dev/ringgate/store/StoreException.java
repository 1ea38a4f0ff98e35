package dev.ringgate.store;

import java.sql.SQLException;

/** An unexpected failure of a statement: a bug or a broken schema, never the caller's input. */
public class StoreException extends RuntimeException {
  public StoreException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /** Whether the statement broke a unique key (a concurrent insert of the same row won). */
  public boolean isUniqueViolation() {
    return getCause() instanceof SQLException sql && Sql.isUniqueViolation(sql);
  }
}
