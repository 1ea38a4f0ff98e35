package dev.ringgate.account.api;

import dev.ringgate.kernel.Patterns;
import dev.ringgate.security.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new API key: its role and the vendor or tenant it is scoped to. */
@Schema(name = "CreateApiKeyRequest")
public record CreateApiKeyRequest(
    @NotNull Role role,
    @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE)
        @Schema(description = "Required for VENDOR keys, refused otherwise.")
        String vendorId,
    @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE)
        @Schema(description = "Required for FLEET_ADMIN and DEVICE keys, refused otherwise.")
        String tenantId,
    @NotBlank @Size(max = 200) String label,
    @Size(max = 2000) String reason) {}
