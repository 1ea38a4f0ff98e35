package dev.ringgate.release.api;

import dev.ringgate.kernel.Patterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A release to publish. */
public record PublishReleaseRequest(
    @NotNull @Size(max = 64) String version,
    @NotNull @Size(min = 1, max = 32)
        List<@NotNull @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE) String>
            platforms,
    @Valid RequiresRequest requires,
    @NotNull @Valid ArtifactRequest artifact,
    @NotNull @Valid SignatureRequest signature,
    @Size(max = 10000) String notes,
    @Size(max = 2000) String reason) {}
