package dev.ringgate.policy;

import dev.ringgate.events.DomainEvent;
import dev.ringgate.events.TenantNotice;
import dev.ringgate.kernel.Target;
import dev.ringgate.policy.api.PolicyRequest;

/** Events of tenant policies and emergency stops. */
public final class PolicyEvents {
  private PolicyEvents() {}

  /** A tenant's policy for a product was set. */
  public record PolicySet(String tenantId, String productId, PolicyRequest policy)
      implements DomainEvent {
    @Override
    public Target target() {
      return new Target("policy", tenantId + "/" + productId);
    }
  }

  /** A tenant's fleet was stopped: nothing new is offered. */
  public record FleetStopped(String tenantId) implements TenantNotice {
    @Override
    public Target target() {
      return new Target("tenant", tenantId);
    }
  }

  /** A tenant's emergency stop was lifted. */
  public record FleetResumed(String tenantId) implements TenantNotice {
    @Override
    public Target target() {
      return new Target("tenant", tenantId);
    }
  }
}
