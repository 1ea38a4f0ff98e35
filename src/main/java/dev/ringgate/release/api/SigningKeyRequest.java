package dev.ringgate.release.api;

import dev.ringgate.release.domain.SigningAlgorithm;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A vendor's public signing key. */
public record SigningKeyRequest(
    @NotNull SigningAlgorithm algorithm,
    @NotNull
        @Size(max = 64)
        @Schema(description = "Standard base64 (with padding) of the raw 32-byte public key.")
        String publicKey,
    @Size(max = 2000) String reason) {}
