package dev.ringgate.release.domain;

import java.util.List;

/** Devices a ring takes in besides its share: device groups, or early-access tenants. */
public record Selector(List<String> groups, boolean earlyAccessTenants) {
  public Selector {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  public boolean selectsNothing() {
    return groups.isEmpty() && !earlyAccessTenants;
  }
}
