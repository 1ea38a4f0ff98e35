package dev.ringgate.policy.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a tenant's fleet admins decided for one product, as the decision reads it. Without a policy
 * a tenant is {@link #STAGED}: its devices take part in each rollout by their position.
 *
 * @param pinnedVersion the version of a PINNED channel, else null
 * @param approved approvals granted: a release id for the tenant, {@code releaseId/group} for a
 *     device group
 * @param freezeUntil no new version before this time; null for none
 * @param stopped the emergency stop: nothing new is offered, rollbacks still flow
 * @param rejected approvals refused, keyed like {@code approved}
 */
public record TenantPolicy(
    Channel channel,
    String pinnedVersion,
    boolean requireApproval,
    Map<String, GroupRule> groups,
    List<MaintenanceWindow> windows,
    Instant freezeUntil,
    boolean stopped,
    Set<String> approved,
    Set<String> rejected) {

  public static final TenantPolicy STAGED =
      new TenantPolicy(Channel.STAGED, null, false, Map.of(), List.of(), null, false, Set.of());

  public TenantPolicy {
    groups = Map.copyOf(groups);
    windows = List.copyOf(windows);
    approved = Set.copyOf(approved);
    rejected = Set.copyOf(rejected);
  }

  /** A policy with no approval refused. */
  public TenantPolicy(
      Channel channel,
      String pinnedVersion,
      boolean requireApproval,
      Map<String, GroupRule> groups,
      List<MaintenanceWindow> windows,
      Instant freezeUntil,
      boolean stopped,
      Set<String> approved) {
    this(
        channel,
        pinnedVersion,
        requireApproval,
        groups,
        windows,
        freezeUntil,
        stopped,
        approved,
        Set.of());
  }

  /** A policy of this channel and nothing else. */
  public static TenantPolicy of(Channel channel) {
    return new TenantPolicy(channel, null, false, Map.of(), List.of(), null, false, Set.of());
  }

  /** The same policy with these approvals granted. */
  public TenantPolicy withApproved(Set<String> granted) {
    return new TenantPolicy(
        channel,
        pinnedVersion,
        requireApproval,
        groups,
        windows,
        freezeUntil,
        stopped,
        granted,
        rejected);
  }

  /** The same policy with these approvals refused ({@code releaseId[/group]}). */
  public TenantPolicy withRejected(Set<String> refused) {
    return new TenantPolicy(
        channel,
        pinnedVersion,
        requireApproval,
        groups,
        windows,
        freezeUntil,
        stopped,
        approved,
        refused);
  }

  /** The same policy, stopped or not. */
  public TenantPolicy stopped(boolean value) {
    return new TenantPolicy(
        channel,
        pinnedVersion,
        requireApproval,
        groups,
        windows,
        freezeUntil,
        value,
        approved,
        rejected);
  }

  /** Whether the fleet's admins refused this approval key. */
  public boolean rejected(String approvalKey) {
    return !rejected.isEmpty() && rejected.contains(approvalKey);
  }

  /** Whether rings that select early-access tenants take this tenant in. */
  public boolean earlyAccess() {
    return channel == Channel.EARLY_ACCESS;
  }

  /**
   * Whether the fleet's maintenance windows let installs run at {@code nowMillis} (none: always).
   */
  public boolean insideWindow(long nowMillis) {
    if (windows.isEmpty()) {
      return true;
    }
    Instant now = Instant.ofEpochMilli(nowMillis);
    for (MaintenanceWindow window : windows) {
      if (window.contains(now)) {
        return true;
      }
    }
    return false;
  }

  /** Whether installs are frozen at {@code nowMillis}. */
  public boolean frozen(long nowMillis) {
    // Compared as instants: a freeze at the far end of time must not overflow epoch millis.
    return freezeUntil != null && freezeUntil.isAfter(Instant.ofEpochMilli(nowMillis));
  }

  public boolean mayNeedApproval() {
    if (requireApproval) {
      return true;
    }
    for (GroupRule rule : groups.values()) {
      if (rule.requireApproval()) {
        return true;
      }
    }
    return false;
  }

  /** Whether the release may reach a device of these groups, as far as approvals go. */
  public boolean approves(String releaseId, Set<String> deviceGroups) {
    return approvalNeeded(releaseId, deviceGroups) == null;
  }

  /**
   * The approval a device of these groups still waits for before the release may reach it: the
   * group's ({@code releaseId/group}) when its group has its own rule, else the tenant's ({@code
   * releaseId}); null when none is needed or it was granted.
   */
  public String approvalNeeded(String releaseId, Set<String> deviceGroups) {
    // No loop (and no iterator) on the hot path when the policy has no group rules.
    if (!groups.isEmpty()) {
      for (String group : deviceGroups) {
        GroupRule rule = groups.get(group);
        if (rule != null && rule.requireApproval()) {
          String key = releaseId + "/" + group;
          return approved.contains(key) ? null : key;
        }
      }
    }
    if (!requireApproval || approved.contains(releaseId)) {
      return null;
    }
    return releaseId;
  }

  /** The earliest ring name that the device's groups allow, or null when none is set. */
  public String earliestRing(Set<String> deviceGroups) {
    if (groups.isEmpty()) {
      return null;
    }
    for (String group : deviceGroups) {
      GroupRule rule = groups.get(group);
      if (rule != null && rule.earliestRing() != null) {
        return rule.earliestRing();
      }
    }
    return null;
  }
}
