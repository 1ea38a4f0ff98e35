package dev.ringgate.telemetry.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ringgate.kernel.Patterns;
import dev.ringgate.telemetry.TelemetryType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One telemetry event as sent. Unknown properties are ignored: agents are upgraded before servers.
 * {@code tenantId} is read from Kafka records only; over HTTP the credential names the tenant.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TelemetryEventRequest(
    @NotNull @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE) String deviceId,
    @NotNull @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE) String productId,
    @NotBlank @Size(max = 64, message = "must be at most 64 characters") String version,
    @NotNull TelemetryType type,
    @NotNull @Schema(description = "When it happened on the device (reports may come late).")
        Instant at,
    @Size(max = 2048, message = "must be at most 2 KiB")
        @Schema(description = "Free text, at most 2 KiB (UTF-8).")
        String detail,
    @Schema(hidden = true) String tenantId) {}
