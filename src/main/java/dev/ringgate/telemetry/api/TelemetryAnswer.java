package dev.ringgate.telemetry.api;

import dev.ringgate.telemetry.Uncounted;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a telemetry batch: every event stored, and how many of them counted toward no
 * rollout, by reason.
 */
public record TelemetryAnswer(
    @Schema(description = "Events stored durably: every one of the batch.") int accepted,
    @Schema(
            description =
                "Events stored but counted toward no rollout: total, and byReason (UNKNOWN_VERSION,"
                    + " NOT_OFFERED, ROLLOUT_NOT_COUNTING).")
        Uncounted uncounted) {}
