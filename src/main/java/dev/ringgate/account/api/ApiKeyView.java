package dev.ringgate.account.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ringgate.security.Role;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An API key as listed: never its secret. {@code key} is set only in the answer that creates it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ApiKey")
public record ApiKeyView(
    String id,
    @Schema(description = "The secret, shown once when the key is created; only a hash is kept.")
        String key,
    Role role,
    String vendorId,
    String tenantId,
    String label,
    Instant createdAt,
    Instant revokedAt) {}
