package dev.ringgate.release.domain;

import java.time.Instant;
import java.util.List;

/** One published version of a product. Never edited; it can be revoked. */
public record Release(
    String id,
    String productId,
    String version,
    List<String> platforms,
    String requiresAgentVersion,
    Artifact artifact,
    String signatureKeyId,
    String signatureValue,
    String notes,
    Instant createdAt,
    Instant revokedAt,
    String revokeReason) {

  public Release {
    platforms = List.copyOf(platforms);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public SignedRelease signed() {
    return new SignedRelease(productId, version, platforms, requiresAgentVersion, artifact);
  }
}
