package dev.ringgate.security;

/**
 * What a credential may do. VENDOR is scoped to one vendor; FLEET_ADMIN, DEVICE and RELAY to a
 * tenant. A RELAY key lets an edge relay sync its tenant's decision inputs and forward what its
 * devices report.
 */
public enum Role {
  OPERATOR,
  VENDOR,
  FLEET_ADMIN,
  DEVICE,
  RELAY
}
