package dev.ringgate.simulate.domain;

import dev.ringgate.rollout.domain.Bucketing;
import java.util.Locale;

/**
 * Eclipse hawkBit's rollout groups: the fleet split into equal groups; the next group starts when
 * the current one's finished actions reach the success threshold (server default 50 %), and the
 * rollout pauses when any running group's errored actions exceed the error threshold (server
 * default 50 %) of the group's targets. Conditions checked every 2 s.
 */
public final class HawkbitRule extends TargetedRule {
  private final int groups;
  private final double successThreshold;
  private final double errorThreshold;
  private int started = 1;
  private long nextCheck;

  public HawkbitRule(int groups, double successThreshold, double errorThreshold) {
    this.groups = groups;
    this.successThreshold = successThreshold;
    this.errorThreshold = errorThreshold;
  }

  /** The documented server defaults (50 % / 50 %) with the API example's five groups. */
  public static HawkbitRule defaults() {
    return new HawkbitRule(5, 0.5, 0.5);
  }

  @Override
  public String name() {
    return "hawkbit";
  }

  @Override
  protected int targetedPositions() {
    return bound(started);
  }

  private int bound(int group) {
    return (int) ((long) Bucketing.POSITIONS * group / groups);
  }

  private int[] total;
  private int[] errors;
  private int[] finished;

  @Override
  public void start(Fleet fleet, long nowMillis, Pusher pusher) {
    super.start(fleet, nowMillis, pusher);
    total = new int[groups];
    errors = new int[groups];
    finished = new int[groups];
    for (int i = 0; i < fleet.size(); i++) {
      total[group(i)]++;
    }
  }

  private int group(int device) {
    return (int) ((long) fleet.position(device) * groups / Bucketing.POSITIONS);
  }

  @Override
  public void installed(int device, long nowMillis) {
    boolean before = succeeded[device];
    super.installed(device, nowMillis);
    if (!before && succeeded[device]) {
      finished[group(device)]++;
    }
  }

  @Override
  public void crashReported(int device, boolean onRelease, long crashedAt, long nowMillis) {
    boolean wasSucceeded = succeeded[device];
    boolean wasFailed = failed[device];
    super.crashReported(device, onRelease, crashedAt, nowMillis);
    if (!wasFailed && failed[device]) {
      errors[group(device)]++;
      if (wasSucceeded) {
        finished[group(device)]--;
      }
    }
  }

  @Override
  public void tick(long nowMillis) {
    if (nowMillis < nextCheck || stopReason() != null) {
      return;
    }
    nextCheck = nowMillis + 2_000;
    for (int g = 0; g < started; g++) {
      if (total[g] > 0 && errors[g] > errorThreshold * total[g]) {
        stop(
            String.format(
                Locale.ROOT,
                "group %d paused: %d of %d targets in error (> %.0f %%)",
                g + 1,
                errors[g],
                total[g],
                100 * errorThreshold));
        return;
      }
    }
    int current = started - 1;
    if (started < groups && finished[current] >= successThreshold * total[current]) {
      started++;
    }
  }
}
