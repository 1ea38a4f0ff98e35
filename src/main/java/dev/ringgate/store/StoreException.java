package dev.ringgate.store;

import java.sql.SQLException;

/** An unexpected failure of a statement: a bug or a broken schema, never the caller's input. */
public class StoreException extends RuntimeException {
  public StoreException(SQLException cause) {
    super(cause.getMessage(), cause);
  }
}
