package dev.ringgate.account;

import dev.ringgate.events.DomainEvent;
import dev.ringgate.kernel.Target;

/** Events of vendors and tenants. */
public final class AccountEvents {
  private AccountEvents() {}

  /** A vendor was created. */
  public record VendorCreated(String vendorId, String name) implements DomainEvent {
    @Override
    public Target target() {
      return new Target("vendor", vendorId);
    }
  }

  /** A tenant was created. */
  public record TenantCreated(String tenantId, String name) implements DomainEvent {
    @Override
    public Target target() {
      return new Target("tenant", tenantId);
    }
  }

  static DomainEvent created(AccountKind kind, String id, String name) {
    return kind == AccountKind.VENDOR ? new VendorCreated(id, name) : new TenantCreated(id, name);
  }
}
