package dev.ringgate.policy.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * When a tenant lets new versions in: on the given days, from {@code start} to {@code end} in the
 * tenant's time zone. A window whose end is not after its start crosses midnight and belongs to the
 * day it starts on ({@code FRI 22:00-04:00} includes Saturday 03:00). Local times follow the zone's
 * daylight-saving rules: an hour skipped in spring is simply not in the window.
 */
public record MaintenanceWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {
  public MaintenanceWindow {
    days = Set.copyOf(days);
  }

  public boolean contains(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    LocalTime time = local.toLocalTime();
    DayOfWeek day = local.getDayOfWeek();
    if (start.isBefore(end)) {
      return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
    }
    return (days.contains(day) && !time.isBefore(start))
        || (days.contains(day.minus(1)) && time.isBefore(end));
  }
}
