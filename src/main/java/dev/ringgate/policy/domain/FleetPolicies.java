package dev.ringgate.policy.domain;

/** Every tenant's policies, as held in the snapshot. */
@FunctionalInterface
public interface FleetPolicies {
  FleetPolicies NONE = (tenantId, productId) -> TenantPolicy.STAGED;

  /** The tenant's policy for the product; {@link TenantPolicy#STAGED} when it has none. */
  TenantPolicy policy(String tenantId, String productId);
}
