package dev.ringgate.release.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A ring's health gate. */
public record GateRequest(
    @NotNull
        @DecimalMin(value = "0", inclusive = false, message = "must be above 0")
        @DecimalMax(value = "0.2", message = "must be at most 0.2")
        @Schema(description = "False-alarm rate of the sequential test, in (0, 0.2].")
        Double alpha,
    @NotNull
        @DecimalMin(value = "1", inclusive = false, message = "must be above 1")
        @DecimalMax(value = "1000", message = "must be at most 1000")
        @Schema(description = "Tolerated crash-rate ratio of exposed over control devices, > 1.")
        Double maxRateRatio,
    @DecimalMin(value = "0", inclusive = false, message = "must be above 0")
        @DecimalMax(value = "1", message = "must be at most 1")
        @Schema(description = "Tolerated crash rate when no control group is left, in (0, 1].")
        Double maxCrashRate,
    @DecimalMin(value = "0", inclusive = false, message = "must be above 0")
        @DecimalMax(value = "0.5", message = "must be at most 0.5")
        @Schema(
            description =
                "Optional, in (0, 0.5]: the chance of passing a release that fails maxRateRatio"
                    + " times as often as the control group. When set, the ring passes only once"
                    + " the evidence for a tolerable rate reaches (1 - alpha) / beta.")
        Double beta) {}
