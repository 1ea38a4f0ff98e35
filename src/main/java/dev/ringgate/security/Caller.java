package dev.ringgate.security;

import dev.ringgate.kernel.Actor;
import java.util.Objects;

/**
 * The authenticated caller of one request: its role, the vendor or tenant it is scoped to, and the
 * actor recorded for what it does ({@code id} is the API key's id or the token's subject).
 */
public record Caller(Role role, String vendorId, String tenantId, Actor actor) {
  public Caller {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(actor, "actor");
    if (role == Role.VENDOR && vendorId == null) {
      throw new IllegalArgumentException("a vendor credential needs a vendor");
    }
    if ((role == Role.FLEET_ADMIN || role == Role.DEVICE || role == Role.RELAY)
        && tenantId == null) {
      throw new IllegalArgumentException("a " + role + " credential needs a tenant");
    }
  }

  public static Caller of(Role role, String vendorId, String tenantId, String principalId) {
    return new Caller(
        role, vendorId, tenantId, new Actor(Actor.Type.valueOf(role.name()), principalId));
  }

  public boolean is(Role expected) {
    return role == expected;
  }
}
