package dev.ringgate.kafka;

import dev.ringgate.kernel.Violation;
import dev.ringgate.security.ApiKeyRegistry;
import dev.ringgate.telemetry.TelemetryEvent;
import dev.ringgate.telemetry.TelemetryIngest;
import dev.ringgate.telemetry.api.TelemetryEventRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Whether a telemetry record from Kafka may be stored: its fields ({@link TelemetryRecords}), its
 * tenant, what the ingest checks against the server's state, and that its key is its device id.
 */
@ApplicationScoped
class TelemetryRecordChecks {
  private final TelemetryIngest ingest;
  private final ApiKeyRegistry tenants;

  TelemetryRecordChecks(TelemetryIngest ingest, ApiKeyRegistry tenants) {
    this.ingest = ingest;
    this.tenants = tenants;
  }

  /** Adds the record's event to {@code events}, or returns why it cannot be stored. */
  String check(ConsumerRecord<byte[], byte[]> record, List<TelemetryEvent> events) {
    if (record.value() == null) {
      return "empty record";
    }
    TelemetryRecords.Parsed parsed = TelemetryRecords.parse(record.value());
    List<String> problems = new ArrayList<>(parsed.problems());
    TelemetryEventRequest request = parsed.event();
    if (request == null) {
      return problems.stream().sorted().collect(Collectors.joining("; "));
    }
    if (request.tenantId() == null || !tenants.tenantExists(request.tenantId())) {
      problems.add("tenantId is not a known tenant");
    } else if (problems.isEmpty()) {
      for (Violation v : ingest.check(request.tenantId(), request, "")) {
        problems.add(v.field() + " " + v.message());
      }
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (problems.isEmpty() && key != null && !key.equals(request.deviceId())) {
      problems.add("key '" + key + "' is not the event's deviceId");
    }
    if (!problems.isEmpty()) {
      return problems.stream().sorted().collect(Collectors.joining("; "));
    }
    events.add(TelemetryIngest.event(request.tenantId(), request));
    return null;
  }
}
