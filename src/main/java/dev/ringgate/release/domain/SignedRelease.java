package dev.ringgate.release.domain;

import java.util.List;

/**
 * The part of a release that its vendor signs: {@code {productId, version, platforms, requires,
 * artifact}}, with {@code requires} omitted when absent (never {@code null}). Its bytes ({@code
 * SignedReleases.canonicalBytes}) are the RFC 8785 canonical JSON of that object.
 */
public record SignedRelease(
    String productId,
    String version,
    List<String> platforms,
    String requiresAgentVersion,
    Artifact artifact) {
  public SignedRelease {
    platforms = List.copyOf(platforms);
  }
}
