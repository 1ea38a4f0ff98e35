package dev.ringgate.simulate.domain;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.rollout.domain.Bucketing;

/**
 * The common ground of the peer rules: devices are targeted in the order of their position (a
 * stable random order), a targeted device is told to install at its next poll (or at once when the
 * rule pushes), and the peers hear the same installs and crash reports as Ringgate: an install
 * reported is a success, a crash reported on the release turns the device's execution into a
 * failure. Silent devices report nothing.
 */
abstract class TargetedRule implements Rule {
  protected Fleet fleet;
  protected Pusher pusher;
  protected long startedAt;
  protected boolean[] succeeded;
  protected boolean[] failed;
  protected long[] failedAt;
  protected int succeededCount;
  protected int failedCount;
  private String stopReason;

  @Override
  public void start(Fleet fleet, long nowMillis, Pusher pusher) {
    this.fleet = fleet;
    this.pusher = pusher;
    this.startedAt = nowMillis;
    succeeded = new boolean[fleet.size()];
    failed = new boolean[fleet.size()];
    failedAt = new long[fleet.size()];
  }

  /** Positions (of {@link Bucketing#POSITIONS}) targeted now. */
  protected abstract int targetedPositions();

  @Override
  public int wakeKey(int device) {
    return fleet.position(device);
  }

  @Override
  public int frontier() {
    return targetedPositions();
  }

  @Override
  public boolean hearsPollsOnRelease() {
    return false;
  }

  @Override
  public Action poll(int device, boolean onRelease, long nowMillis) {
    if (onRelease || stopReason != null) {
      return Action.STAY;
    }
    return fleet.position(device) < targetedPositions() ? Action.INSTALL : Action.STAY;
  }

  @Override
  public void installed(int device, long nowMillis) {
    if (!succeeded[device] && !failed[device]) {
      succeeded[device] = true;
      succeededCount++;
    }
  }

  @Override
  public void crashReported(int device, boolean onRelease, long crashedAt, long nowMillis) {
    if (!onRelease || failed[device]) {
      return;
    }
    if (succeeded[device]) {
      succeeded[device] = false;
      succeededCount--;
    }
    failed[device] = true;
    failedAt[device] = nowMillis;
    failedCount++;
  }

  protected void stop(String reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
  }

  @Override
  public String stopReason() {
    return stopReason;
  }

  @Override
  public boolean done() {
    return targetedPositions() >= Bucketing.POSITIONS;
  }

  protected static int positions(double share) {
    return (int) Math.min(Bucketing.POSITIONS, Math.round(share * Bucketing.POSITIONS));
  }
}
