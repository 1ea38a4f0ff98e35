package dev.ringgate.web;

import dev.ringgate.kernel.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parsing of query parameters into values, with a 400 that names the parameter. */
public final class QueryParams {
  private QueryParams() {}

  /** An RFC 3339 time, or {@code fallback} when absent. */
  public static Instant instant(String name, String value, Instant fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(name, "must be an RFC 3339 time such as 2026-01-31T12:00:00Z");
    }
  }

  /** A page size in 1..max, or {@code fallback} when absent. */
  public static int limit(String name, String value, int fallback, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= 1 && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.invalid(name, "must be an integer from 1 to " + max);
  }
}
