package dev.ringgate.policy.domain;

import java.time.Instant;

/**
 * A tenant's (or a device group's) approval of a release: PENDING until a fleet admin approves or
 * rejects it, EXPIRED when its rollout ends first. {@code group} is null for the whole tenant.
 */
public record Approval(
    String id,
    String tenantId,
    String productId,
    String version,
    String releaseId,
    String rolloutId,
    String group,
    String state,
    Instant createdAt,
    Instant decidedAt,
    String decidedBy,
    String reason) {}
