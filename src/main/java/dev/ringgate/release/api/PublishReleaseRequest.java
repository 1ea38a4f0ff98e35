package dev.ringgate.release.api;

import dev.ringgate.kernel.Patterns;
import dev.ringgate.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A release to publish. */
public record PublishReleaseRequest(
    @NotNull @Size(max = 64) String version,
    @NotNull @Size(min = 1, max = 32)
        List<@NotNull @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE) String>
            platforms,
    @Valid RequiresRequest requires,
    @NotNull @Valid ArtifactRequest artifact,
    @NotNull @Valid SignatureRequest signature,
    @Size(max = MAX_NOTES, message = "must be at most 4096 characters")
        @PlainText
        @Schema(
            description =
                "Free text shown to people, at most 4096 characters; no control characters but"
                    + " line feed and tab, no bidirectional formatting characters.")
        String notes,
    @Size(max = 2000) String reason) {

  /** The longest release notes: a summary, with a link for the full changelog. */
  public static final int MAX_NOTES = 4096;
}
