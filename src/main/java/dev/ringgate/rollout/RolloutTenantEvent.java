package dev.ringgate.rollout;

import dev.ringgate.events.OutboxEvent;
import dev.ringgate.kernel.Target;
import dev.ringgate.rollout.domain.RolloutEventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate's evidence changed for some tenants of a rollout: the rollout was halted for a tenant
 * ({@code ROLLOUT_HALTED_FOR_TENANT}), or the vendor excluded tenants' evidence ({@code
 * ROLLOUT_EVIDENCE_EXCLUDED}).
 */
public record RolloutTenantEvent(
    RolloutEventType type,
    String rolloutId,
    String productId,
    String version,
    int ringIndex,
    List<String> tenantIds)
    implements OutboxEvent {

  @Override
  public String action() {
    return type.name();
  }

  @Override
  public Target target() {
    return new Target("rollout", rolloutId);
  }

  @Override
  public Map<String, Object> extraOutboxFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("ringIndex", ringIndex);
    fields.put("tenantIds", tenantIds);
    return fields;
  }
}
