package dev.ringgate.release.api;

import dev.ringgate.kernel.Patterns;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Where the release's bytes are. */
public record ArtifactRequest(
    @NotNull @Size(max = 2048) String url,
    @NotNull @Pattern(regexp = Patterns.SHA256, message = "must be 64 lower-case hex digits")
        String sha256,
    @NotNull @Min(1) @Max(value = 9_007_199_254_740_991L, message = "must be at most 2^53 - 1")
        Long sizeBytes) {}
