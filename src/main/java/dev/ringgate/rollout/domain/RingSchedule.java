package dev.ringgate.rollout.domain;

import java.util.Set;

/**
 * One ring as admission needs it: the share it grows from and to, its ramp, and the devices its
 * selector takes in regardless of share.
 */
public record RingSchedule(
    String name,
    int previousBp,
    int shareBp,
    int rampMinutes,
    Set<String> groups,
    boolean earlyAccessTenants) {

  public RingSchedule {
    groups = Set.copyOf(groups);
  }

  /** Whether the selector takes in a device of these groups and tenant kind. */
  public boolean selects(Set<String> deviceGroups, boolean earlyAccessTenant) {
    if (earlyAccessTenants && earlyAccessTenant) {
      return true;
    }
    if (groups.isEmpty() || deviceGroups.isEmpty()) {
      return false;
    }
    for (String group : deviceGroups) {
      if (groups.contains(group)) {
        return true;
      }
    }
    return false;
  }
}
