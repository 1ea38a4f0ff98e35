package dev.ringgate.release.api;

import dev.ringgate.release.domain.SigningAlgorithm;
import java.time.Instant;

/** A vendor's registered public key. */
public record SigningKeyView(
    String vendorId,
    String keyId,
    SigningAlgorithm algorithm,
    String publicKey,
    Instant createdAt,
    Instant updatedAt) {}
