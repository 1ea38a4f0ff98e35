package dev.ringgate.kernel;

import java.time.Duration;
import java.time.Instant;

/**
 * The times Ringgate accepts on the way in. Every time a client sends lies in the years 2000 to
 * 9999 (UTC), so arithmetic on a stored time (epoch milliseconds, durations) cannot overflow; a
 * time a device reports about itself may also be at most {@link #MAX_CLOCK_SKEW} ahead of the
 * server, which keeps ordinary clock skew accepted and refuses clocks that are far out.
 */
public final class TimeBounds {
  /** The earliest time accepted: 2000-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /** The latest time accepted: 9999-12-31T23:59:59Z. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** How far ahead of the server a device's clock may run. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

  private TimeBounds() {}

  /**
   * A violation of {@code field} when {@code at} lies outside the years 2000 to 9999, else null.
   */
  public static Violation check(String field, Instant at) {
    if (at != null && (at.isBefore(EARLIEST) || at.isAfter(LATEST))) {
      return new Violation(field, "must lie between " + EARLIEST + " and " + LATEST);
    }
    return null;
  }

  /**
   * A violation of {@code field} when {@code at}, a time a device reports about itself, lies before
   * 2000 or more than a day ahead of {@code now}, else null.
   */
  public static Violation checkReported(String field, Instant at, Instant now) {
    if (at == null) {
      return null;
    }
    Instant latest = saturatingPlus(now, MAX_CLOCK_SKEW);
    if (at.isBefore(EARLIEST) || at.isAfter(latest)) {
      return new Violation(
          field, "must lie between " + EARLIEST + " and one day after the server's time");
    }
    return null;
  }

  /**
   * {@code at + duration}, held at {@link Instant#MIN} / {@link Instant#MAX} instead of failing.
   */
  public static Instant saturatingPlus(Instant at, Duration duration) {
    try {
      return at.plus(duration);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return duration.isNegative() ? Instant.MIN : Instant.MAX;
    }
  }

  /** {@code at} in epoch milliseconds, held at {@link Long#MIN_VALUE} / {@link Long#MAX_VALUE}. */
  public static long saturatingMillis(Instant at) {
    try {
      return at.toEpochMilli();
    } catch (ArithmeticException e) {
      return at.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
