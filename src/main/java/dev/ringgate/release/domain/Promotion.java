package dev.ringgate.release.domain;

/** How a ring is left: by itself when its gate passes, or by the vendor's promote. */
public enum Promotion {
  AUTO,
  MANUAL
}
