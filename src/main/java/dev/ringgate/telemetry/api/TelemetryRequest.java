package dev.ringgate.telemetry.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A batch of telemetry events: at most 1000, stored all or none (an empty batch stores nothing).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TelemetryRequest(
    @NotNull @Size(max = 1000, message = "must hold at most 1000 events")
        List<@NotNull @Valid TelemetryEventRequest> events) {}
