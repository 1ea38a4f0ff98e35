package dev.ringgate.telemetry;

import dev.ringgate.kernel.Patterns;
import dev.ringgate.kernel.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The rules one telemetry event's own fields obey, in plain Java, for both ways in: the HTTP API
 * applies them through bean validation ({@code @ValidTelemetryEvent}), the Kafka consumer calls
 * them directly (data binding and bean validation cost more than storing the event there). What
 * needs the server's state (a known product, the device's tenant) is {@link TelemetryIngest#check}.
 */
public final class TelemetryRules {
  /** The longest version string. */
  public static final int MAX_VERSION_CHARS = 64;

  /** The largest detail, in UTF-8 bytes. */
  public static final int MAX_DETAIL_BYTES = 2048;

  private TelemetryRules() {}

  /**
   * Adds to {@code problems} what is wrong with these fields; {@code type} and {@code at} are null
   * when absent.
   */
  public static void check(
      String deviceId,
      String productId,
      String version,
      TelemetryType type,
      Instant at,
      String detail,
      List<Violation> problems) {
    id("deviceId", deviceId, problems);
    id("productId", productId, problems);
    if (version == null || version.isBlank()) {
      problems.add(new Violation("version", "must not be blank"));
    } else if (version.length() > MAX_VERSION_CHARS) {
      problems.add(
          new Violation("version", "must be at most " + MAX_VERSION_CHARS + " characters"));
    }
    if (type == null) {
      problems.add(new Violation("type", "must not be null"));
    }
    if (at == null) {
      problems.add(new Violation("at", "must not be null"));
    }
    if (detail != null && detail.getBytes(StandardCharsets.UTF_8).length > MAX_DETAIL_BYTES) {
      problems.add(new Violation("detail", "must be at most 2 KiB"));
    }
  }

  private static void id(String field, String value, List<Violation> problems) {
    if (value == null) {
      problems.add(new Violation(field, "must not be null"));
    } else if (!Patterns.isId(value)) {
      problems.add(new Violation(field, Patterns.ID_MESSAGE));
    }
  }
}
