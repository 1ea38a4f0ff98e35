package dev.ringgate.telemetry;

import java.time.Instant;

/** A valid telemetry event of a tenant's device, as stored. */
public record TelemetryEvent(
    String tenantId,
    String deviceId,
    String productId,
    String version,
    TelemetryType type,
    Instant at,
    String detail) {}
