package dev.ringgate.simulate.domain;

import java.util.Locale;

/**
 * Ubuntu's phased updates: 10 % of machines at first, 10 points more every 6 hours when the
 * phased-updater finds no regression on errors.ubuntu.com, 0 % when it does. A regression is a
 * crash signature new in this version reported by at least 3 machines, or today's crashes of the
 * new version exceeding the previous version's daily mean plus one standard deviation, scaled by
 * the phased percentage and the share of the UTC day elapsed, by more than 1 (with at least 3
 * crashes today).
 */
public final class UbuntuPhasingRule extends TargetedRule {
  private static final long PERIOD_MILLIS = 6 * 3_600_000L;

  private final boolean newSignature;
  private int percent = 10;
  private long nextRun;
  private int newSignatureSystems;
  private int crashesToday;
  private long today;

  /**
   * @param newSignature whether the release's crashes carry a signature the previous version did
   *     not have (a new bug), rather than more of the known ones
   */
  public UbuntuPhasingRule(boolean newSignature) {
    this.newSignature = newSignature;
  }

  @Override
  public String name() {
    return "ubuntu-phasing";
  }

  @Override
  public void start(Fleet fleet, long nowMillis, Pusher pusher) {
    super.start(fleet, nowMillis, pusher);
    nextRun = nowMillis + PERIOD_MILLIS;
    today = nowMillis / 86_400_000L;
  }

  @Override
  protected int targetedPositions() {
    return positions(percent / 100.0);
  }

  @Override
  public void crashReported(int device, boolean onRelease, long crashedAt, long nowMillis) {
    boolean before = failed[device];
    super.crashReported(device, onRelease, crashedAt, nowMillis);
    if (!onRelease) {
      return;
    }
    rollDay(nowMillis);
    crashesToday++;
    if (newSignature && !before) {
      newSignatureSystems++;
    }
  }

  private void rollDay(long nowMillis) {
    long day = nowMillis / 86_400_000L;
    if (day != today) {
      today = day;
      crashesToday = 0;
    }
  }

  @Override
  public void tick(long nowMillis) {
    if (nowMillis < nextRun || stopReason() != null) {
      return;
    }
    nextRun += PERIOD_MILLIS;
    rollDay(nowMillis);
    if (newSignatureSystems >= 3) {
      stop(
          String.format(
              Locale.ROOT,
              "phasing stopped at %d %%: new crash signature from %d machines",
              percent,
              newSignatureSystems));
      return;
    }
    double mean = fleet.size() * fleet.spec().crashesPerDay();
    double baseline = (mean + Math.sqrt(mean)) * percent / 100.0;
    double dayShare = (nowMillis % 86_400_000L) / 86_400_000.0;
    if (crashesToday >= 3 && crashesToday - baseline * dayShare > 1) {
      stop(
          String.format(
              Locale.ROOT,
              "phasing stopped at %d %%: %d crashes today vs %.1f expected",
              percent,
              crashesToday,
              baseline * dayShare));
      return;
    }
    percent = Math.min(100, percent + 10);
  }
}
