package dev.ringgate.account;

import dev.ringgate.events.DomainEvent;
import dev.ringgate.kernel.Target;
import dev.ringgate.security.Role;

/** Events of API keys: their secrets never appear in them. */
public final class ApiKeyEvents {
  private ApiKeyEvents() {}

  /** A key was created. */
  public record ApiKeyCreated(
      String keyId, Role role, String vendorId, String tenantId, String label)
      implements DomainEvent {
    @Override
    public Target target() {
      return new Target("api-key", keyId);
    }
  }

  /** A key was revoked and stopped working. */
  public record ApiKeyRevoked(String keyId) implements DomainEvent {
    @Override
    public Target target() {
      return new Target("api-key", keyId);
    }
  }

  /** The bootstrap operator key was replaced from RINGGATE_OPERATOR_KEY. */
  public record OperatorKeyRotated(String keyId) implements DomainEvent {
    @Override
    public Target target() {
      return new Target("api-key", keyId);
    }
  }
}
