package dev.ringgate.security;

/** What a credential may do. VENDOR is scoped to one vendor; FLEET_ADMIN and DEVICE to a tenant. */
public enum Role {
  OPERATOR,
  VENDOR,
  FLEET_ADMIN,
  DEVICE
}
