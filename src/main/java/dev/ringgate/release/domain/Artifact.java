package dev.ringgate.release.domain;

/** Where a release's bytes are, and how to check them. */
public record Artifact(String url, String sha256, long sizeBytes) {}
