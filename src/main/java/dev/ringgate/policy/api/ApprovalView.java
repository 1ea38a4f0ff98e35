package dev.ringgate.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ringgate.policy.domain.Approval;
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
    String reason) {

  public static ApprovalView of(Approval a) {
    return new ApprovalView(
        a.id(),
        a.tenantId(),
        a.productId(),
        a.version(),
        a.releaseId(),
        a.rolloutId(),
        a.group(),
        a.state(),
        a.createdAt(),
        a.decidedAt(),
        a.decidedBy(),
        a.reason());
  }
}
