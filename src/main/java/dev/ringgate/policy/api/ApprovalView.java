package dev.ringgate.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** An approval: one per (tenant, release, group), {@code group} null for the whole tenant. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalView(
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
