package dev.ringgate.rollout.domain;

import dev.ringgate.release.domain.Ring;
import dev.ringgate.release.domain.RingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which devices a rollout admits: those in any ring up to the current one, by position (within the
 * current ring's ramp) or by selector. A pure function of the device and the time.
 */
public record Admission(
    List<RingSchedule> rings, int ringIndex, long ringStartedAtMillis, long frozenAtMillis) {

  /** {@code frozenAtMillis} of a rollout that is not stopped. */
  public static final long NOT_FROZEN = Long.MAX_VALUE;

  public Admission {
    rings = List.copyOf(rings);
  }

  /** Whether the device is admitted at {@code nowMillis}. */
  public boolean admits(
      int position, Set<String> deviceGroups, boolean earlyAccessTenant, long nowMillis) {
    return position < admittedPositions(nowMillis)
        || selectedUpTo(ringIndex, deviceGroups, earlyAccessTenant);
  }

  /** The ring this device belongs to in this rollout's plan. */
  public int ringOf(int position, Set<String> deviceGroups, boolean earlyAccessTenant) {
    return ringOf(rings, position, deviceGroups, earlyAccessTenant);
  }

  /** Positions admitted now: the current ring's ramp from the previous ring's share. */
  public int admittedPositions(long nowMillis) {
    RingSchedule ring = rings.get(ringIndex);
    long at = Math.min(nowMillis, frozenAtMillis);
    return Ramp.admittedPositions(
        ring.previousBp(), ring.shareBp(), ring.rampMinutes(), at - ringStartedAtMillis);
  }

  /** Which devices the rollout admits now: its plan's rings and where it stands; null if none. */
  public static Admission of(Rollout rollout, RingPlan plan) {
    if (rollout == null || plan == null || rollout.ringStartedAt() == null) {
      return null;
    }
    List<RingSchedule> rings = new ArrayList<>();
    int previous = 0;
    for (Ring ring : plan.rings()) {
      boolean early = ring.selector() != null && ring.selector().earlyAccessTenants();
      Set<String> groups =
          ring.selector() == null ? Set.of() : Set.copyOf(ring.selector().groups());
      rings.add(
          new RingSchedule(
              ring.name(), previous, ring.shareBp(), ring.rampMinutes(), groups, early));
      previous = ring.shareBp();
    }
    long frozen = rollout.stoppedAt() == null ? NOT_FROZEN : rollout.stoppedAt().toEpochMilli();
    return new Admission(
        rings, rollout.ringIndex(), rollout.ringStartedAt().toEpochMilli(), frozen);
  }

  /**
   * The ring a device belongs to: the first whose selector takes it in or whose share covers its
   * position.
   */
  public static int ringOf(
      List<RingSchedule> rings, int position, Set<String> deviceGroups, boolean earlyAccessTenant) {
    for (int i = 0; i < rings.size(); i++) {
      RingSchedule ring = rings.get(i);
      if (position < ring.shareBp() * Bucketing.PER_BP
          || ring.selects(deviceGroups, earlyAccessTenant)) {
        return i;
      }
    }
    return rings.size() - 1;
  }

  private boolean selectedUpTo(int last, Set<String> deviceGroups, boolean earlyAccessTenant) {
    for (int i = 0; i <= last; i++) {
      if (rings.get(i).selects(deviceGroups, earlyAccessTenant)) {
        return true;
      }
    }
    return false;
  }
}
