package dev.ringgate.policy.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's policy for a product as its fleet admins set it, and as it is stored; {@link
 * #decision} is the form the check-in decides with. Absent groups and windows stay null, so the
 * policy is answered as it was set.
 */
public record PolicySettings(
    Channel channel,
    String pinnedVersion,
    boolean requireApproval,
    Map<String, Group> groups,
    List<Window> maintenanceWindows,
    OffsetDateTime freezeUntil) {

  /** The policy of a tenant that never set one. */
  public static final PolicySettings DEFAULT =
      new PolicySettings(Channel.STAGED, null, false, null, null, null);

  /** What a device group's policy changes: its earliest ring, and whether it needs approvals. */
  public record Group(String earliestRing, Boolean requireApproval) {}

  /** When installs may run: on these days, from start to end ({@code HH:mm}) in the zone. */
  public record Window(List<Day> days, String start, String end, String zone) {}

  /** The check-in's form of this policy, stopped or not (approvals are added from the store). */
  public TenantPolicy decision(boolean stopped) {
    Map<String, GroupRule> rules = new HashMap<>();
    if (groups != null) {
      groups.forEach(
          (name, g) ->
              rules.put(
                  name, new GroupRule(g.earliestRing(), Boolean.TRUE.equals(g.requireApproval()))));
    }
    List<MaintenanceWindow> windows =
        maintenanceWindows == null
            ? List.of()
            : maintenanceWindows.stream().map(PolicySettings::window).toList();
    return new TenantPolicy(
        channel,
        pinnedVersion,
        requireApproval,
        rules,
        windows,
        freezeUntil == null ? null : freezeUntil.toInstant(),
        stopped,
        Set.of());
  }

  private static MaintenanceWindow window(Window w) {
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    w.days().forEach(d -> days.add(DayOfWeek.values()[d.ordinal()]));
    return new MaintenanceWindow(
        days, LocalTime.parse(w.start()), LocalTime.parse(w.end()), ZoneId.of(w.zone()));
  }
}
