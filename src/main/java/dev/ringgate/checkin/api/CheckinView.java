package dev.ringgate.checkin.api;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.checkin.domain.Reason;
import dev.ringgate.release.domain.Artifact;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of a check-in answer, for the API description (the body is written directly). */
@Schema(name = "CheckinAnswer")
public record CheckinView(
    String productId,
    Action action,
    @Schema(description = "The version to run; for STAY the current one (null when none).")
        String version,
    @Schema(description = "Present for INSTALL and ROLLBACK.") String releaseId,
    @Schema(description = "Present for INSTALL and ROLLBACK: part of the signed object.")
        java.util.List<String> platforms,
    @Schema(description = "Present for INSTALL and ROLLBACK when the release has one.")
        Requires requires,
    @Schema(description = "Present for INSTALL and ROLLBACK.") Artifact artifact,
    @Schema(description = "Present for INSTALL and ROLLBACK.") Signature signature,
    @Schema(description = "Why, in words: for a STAY, the rule that holds the device back.")
        String reason,
    @Schema(description = "Why, as a stable code for programs (new codes may be added).")
        Reason reasonCode,
    int pollAfterSeconds) {

  /** The agent versions the release needs. */
  public record Requires(String agentVersion) {}

  /** The vendor's signature over the release's canonical metadata. */
  public record Signature(String keyId, String value) {}
}
