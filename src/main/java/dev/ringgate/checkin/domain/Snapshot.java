package dev.ringgate.checkin.domain;

import dev.ringgate.policy.domain.FleetPolicies;
import java.util.Map;

/**
 * Everything a check-in is decided from, immutable: built after every committed change and swapped
 * in whole, so that a decision needs no I/O and every replica with the same store version decides
 * alike.
 *
 * @param storeVersion the store's change counter this snapshot reflects
 */
public record Snapshot(
    long storeVersion, Map<String, ProductEntry> products, FleetPolicies policies) {
  public static final Snapshot EMPTY = new Snapshot(-1, Map.of(), FleetPolicies.NONE);

  public Snapshot {
    products = Map.copyOf(products);
  }

  public ProductEntry product(String productId) {
    return products.get(productId);
  }
}
