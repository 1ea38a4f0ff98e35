package dev.ringgate.store;

/**
 * The store could not be reached. State changes are refused with 503 and {@code Retry-After} while
 * this lasts; check-ins keep being answered from the last snapshot (fail-static).
 */
public class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
