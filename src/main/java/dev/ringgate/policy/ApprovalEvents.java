package dev.ringgate.policy;

import dev.ringgate.events.OutboxEvent;
import dev.ringgate.events.TenantNotice;
import dev.ringgate.kernel.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/** Events of approvals. */
public final class ApprovalEvents {
  private ApprovalEvents() {}

  /** A rollout first had something to offer a tenant (group) whose policy needs approval. */
  public record ApprovalRequested(
      String approvalId,
      String tenantId,
      String productId,
      String releaseId,
      String rolloutId,
      String group)
      implements TenantNotice {
    @Override
    public Target target() {
      return new Target("approval", approvalId);
    }
  }

  /** A fleet admin approved or rejected a release for its tenant (group). */
  public record ApprovalDecided(
      String type,
      String approvalId,
      String tenantId,
      String productId,
      String version,
      String rolloutId,
      String group)
      implements OutboxEvent {
    @Override
    public String action() {
      return type;
    }

    @Override
    public Target target() {
      return new Target("approval", approvalId);
    }

    @Override
    public Map<String, Object> extraOutboxFields() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("tenantId", tenantId);
      fields.put("approvalId", approvalId);
      fields.put("group", group);
      return fields;
    }
  }
}
