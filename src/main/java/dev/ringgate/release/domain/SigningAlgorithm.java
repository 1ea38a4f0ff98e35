package dev.ringgate.release.domain;

/** Signature algorithms a vendor key may use. */
public enum SigningAlgorithm {
  Ed25519
}
