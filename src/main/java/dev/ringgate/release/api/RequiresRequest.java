package dev.ringgate.release.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a device must run to be offered the release. */
public record RequiresRequest(
    @NotNull
        @Size(max = 200)
        @Schema(description = "Agent versions, in interval notation: [7.11,7.16) or [7.11,).")
        String agentVersion) {}
