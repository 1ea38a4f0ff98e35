package dev.ringgate.release.domain;

/** What a product is: an executable agent build, or content that the agent interprets. */
public enum ProductKind {
  AGENT,
  CONTENT
}
