package dev.ringgate.checkin.domain;

/**
 * What a tenant's fleet admins decided for one product, as the decision reads it. Without a policy
 * a tenant is {@link #STAGED}: its devices take part in each rollout by their position.
 */
public record TenantPolicy(boolean earlyAccess) {
  public static final TenantPolicy STAGED = new TenantPolicy(false);
}
