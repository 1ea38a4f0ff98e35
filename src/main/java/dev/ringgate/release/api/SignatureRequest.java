package dev.ringgate.release.api;

import dev.ringgate.kernel.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The vendor's Ed25519 signature over the release's canonical metadata. */
public record SignatureRequest(
    @NotNull @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE) String keyId,
    @NotNull
        @Size(max = 128)
        @Schema(description = "Standard base64 (with padding) of the 64-byte signature.")
        String value) {}
