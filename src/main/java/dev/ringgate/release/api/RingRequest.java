package dev.ringgate.release.api;

import dev.ringgate.kernel.Patterns;
import dev.ringgate.release.domain.Promotion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One ring of a plan. */
public record RingRequest(
    @NotNull @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE) String name,
    @NotNull
        @Min(0)
        @Max(10000)
        @Schema(description = "Cumulative share of the fleet in basis points (0-10000).")
        Integer shareBp,
    @Valid SelectorRequest selector,
    @NotNull @Min(0) @Max(525600) Integer minBakeMinutes,
    @NotNull @Min(0) @Max(100000000) Integer minDevices,
    @Min(0)
        @Max(525600)
        @Schema(description = "Minutes over which the ring's share ramps up; 0 (default): no ramp.")
        Integer rampMinutes,
    @NotNull Promotion promotion,
    @NotNull @Valid GateRequest gate,
    @Min(0)
        @Max(525600)
        @Schema(
            description =
                "Optional cap on the ring's wait, at least minBakeMinutes: once baked this long"
                    + " without a HALT, the ring passes on what its gate has certified.")
        Integer maxBakeMinutes) {}
