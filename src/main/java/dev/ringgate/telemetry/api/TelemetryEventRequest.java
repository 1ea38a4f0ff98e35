package dev.ringgate.telemetry.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ringgate.kernel.Patterns;
import dev.ringgate.telemetry.TelemetryRules;
import dev.ringgate.telemetry.TelemetryType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One telemetry event as sent. Unknown properties are ignored: agents are upgraded before servers.
 * {@code tenantId} is read from Kafka records only; over HTTP the credential names the tenant. The
 * fields' rules are {@link TelemetryRules}, shared with the Kafka consumer; the schema annotations
 * only document them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidTelemetryEvent
public record TelemetryEventRequest(
    @Schema(required = true, pattern = Patterns.ID) String deviceId,
    @Schema(required = true, pattern = Patterns.ID) String productId,
    @Schema(required = true, minLength = 1, maxLength = TelemetryRules.MAX_VERSION_CHARS)
        String version,
    @Schema(required = true) TelemetryType type,
    @Schema(
            required = true,
            description = "When it happened on the device (reports may come late).")
        Instant at,
    @Schema(description = "Free text, at most 2 KiB (UTF-8).") String detail,
    @Schema(hidden = true) String tenantId) {}
