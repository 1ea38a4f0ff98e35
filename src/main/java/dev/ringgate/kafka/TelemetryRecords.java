package dev.ringgate.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ringgate.kernel.Violation;
import dev.ringgate.telemetry.TelemetryRules;
import dev.ringgate.telemetry.TelemetryType;
import dev.ringgate.telemetry.api.TelemetryEventRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a telemetry record from Kafka with Jackson's streaming parser and checks it with {@link
 * TelemetryRules}, the rules the HTTP API applies to {@link TelemetryEventRequest}: data binding
 * and bean validation cost more than storing the event, and a consumer reads thousands of records a
 * second. Unknown properties are skipped.
 */
final class TelemetryRecords {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String TYPES = Arrays.toString(TelemetryType.values());

  private TelemetryRecords() {}

  /** The parsed record, or the reasons it cannot be stored. */
  record Parsed(TelemetryEventRequest event, List<String> problems) {}

  static Parsed parse(byte[] value) {
    String deviceId = null;
    String productId = null;
    String version = null;
    String type = null;
    String at = null;
    String detail = null;
    String tenantId = null;
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return failed("malformed JSON: not an object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          parser.skipChildren();
          if (isKnown(field)) {
            return failed(field + " must be a string");
          }
          continue;
        }
        String text = token == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
        if (text == null && token != JsonToken.VALUE_NULL) {
          return failed(field + " must be a string");
        }
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL && isKnown(field)) {
          return failed(field + " must be a string");
        }
        switch (field) {
          case "deviceId" -> deviceId = text;
          case "productId" -> productId = text;
          case "version" -> version = text;
          case "type" -> type = text;
          case "at" -> at = text;
          case "detail" -> detail = text;
          case "tenantId" -> tenantId = text;
          default -> {
            // unknown properties are ignored: agents are upgraded before servers
          }
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return failed("malformed JSON: trailing content");
      }
    } catch (IOException e) {
      String message = e.getMessage() == null ? "unreadable" : e.getMessage();
      int end = message.indexOf('\n');
      return failed("malformed JSON: " + (end < 0 ? message : message.substring(0, end)));
    }
    List<String> problems = new ArrayList<>(0);
    TelemetryType parsedType = null;
    if (type != null) {
      try {
        parsedType = TelemetryType.valueOf(type);
      } catch (IllegalArgumentException e) {
        problems.add("type '" + type + "' is not one of " + TYPES);
      }
    }
    Instant parsedAt = null;
    if (at != null) {
      try {
        parsedAt = Instant.parse(at);
      } catch (DateTimeParseException e) {
        problems.add("at '" + at + "' is not an ISO-8601 instant");
      }
    }
    List<Violation> broken = new ArrayList<>(0);
    TelemetryRules.check(deviceId, productId, version, parsedType, parsedAt, detail, broken);
    for (Violation v : broken) {
      if (!(v.field().equals("type") && type != null) && !(v.field().equals("at") && at != null)) {
        problems.add(v.field() + " " + v.message());
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed(null, problems);
    }
    return new Parsed(
        new TelemetryEventRequest(
            deviceId, productId, version, parsedType, parsedAt, detail, tenantId),
        problems);
  }

  private static boolean isKnown(String field) {
    return switch (field) {
      case "deviceId", "productId", "version", "type", "at", "detail", "tenantId" -> true;
      default -> false;
    };
  }

  private static Parsed failed(String problem) {
    return new Parsed(null, List.of(problem));
  }
}
