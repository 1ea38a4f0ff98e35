package dev.ringgate.release.api;

import dev.ringgate.release.domain.OnHalt;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A product's ring plan. */
public record RingPlanRequest(
    @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid RingRequest> rings,
    @Schema(description = "ROLLBACK (default) or STOP.") OnHalt onHalt,
    @Size(max = 2000) String reason) {}
