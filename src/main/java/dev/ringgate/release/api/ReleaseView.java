package dev.ringgate.release.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ringgate.release.domain.Artifact;
import dev.ringgate.release.domain.Release;
import java.time.Instant;
import java.util.List;

/** A release as answered, with its rollout. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseView(
    String id,
    String productId,
    String version,
    List<String> platforms,
    Requires requires,
    Artifact artifact,
    Signature signature,
    String notes,
    Instant createdAt,
    boolean revoked,
    Instant revokedAt,
    String revokeReason,
    String rolloutId,
    String rolloutState) {

  /** Compatibility of the release. */
  public record Requires(String agentVersion) {}

  /** The vendor's signature, as published. */
  public record Signature(String keyId, String value) {}

  public static ReleaseView of(Release r, String rolloutId, String rolloutState) {
    return new ReleaseView(
        r.id(),
        r.productId(),
        r.version(),
        r.platforms(),
        r.requiresAgentVersion() == null ? null : new Requires(r.requiresAgentVersion()),
        r.artifact(),
        new Signature(r.signatureKeyId(), r.signatureValue()),
        r.notes(),
        r.createdAt(),
        r.isRevoked(),
        r.revokedAt(),
        r.revokeReason(),
        rolloutId,
        rolloutState);
  }
}
