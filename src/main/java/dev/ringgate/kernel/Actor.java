package dev.ringgate.kernel;

import java.util.Objects;

/** Who did something, as recorded in history and audit: {@code {type, id}}. */
public record Actor(Type type, String id) {
  /** The automatic halt's actor. */
  public static final Actor HEALTH_GATE = new Actor(Type.SYSTEM, "health-gate");

  /** Ringgate itself, for changes made at startup. */
  public static final Actor BOOTSTRAP = new Actor(Type.SYSTEM, "bootstrap");

  public Actor {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }

  /** Actor types: the roles and the system itself. */
  public enum Type {
    OPERATOR,
    VENDOR,
    FLEET_ADMIN,
    DEVICE,
    SYSTEM,
    RELAY
  }
}
