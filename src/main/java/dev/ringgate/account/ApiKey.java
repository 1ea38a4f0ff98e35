package dev.ringgate.account;

import dev.ringgate.security.Role;
import java.time.Instant;

/** A stored API key, without its secret (only its hash is stored, and never read back here). */
record ApiKey(
    String id,
    Role role,
    String vendorId,
    String tenantId,
    String label,
    Instant createdAt,
    Instant revokedAt) {}
