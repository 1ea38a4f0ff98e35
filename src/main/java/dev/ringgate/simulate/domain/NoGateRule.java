package dev.ringgate.simulate.domain;

import dev.ringgate.checkin.domain.Action;

/** No gate: every device is offered the release at its next poll, as in July 2024. */
public final class NoGateRule implements Rule {
  @Override
  public String name() {
    return "no-gate";
  }

  @Override
  public void start(Fleet fleet, long nowMillis, Pusher pusher) {}

  @Override
  public int wakeKey(int device) {
    return 0;
  }

  @Override
  public int frontier() {
    return 1;
  }

  @Override
  public Action poll(int device, boolean onRelease, long nowMillis) {
    return onRelease ? Action.STAY : Action.INSTALL;
  }

  @Override
  public void installed(int device, long nowMillis) {}

  @Override
  public void crashReported(int device, boolean onRelease, long crashedAt, long nowMillis) {}

  @Override
  public void tick(long nowMillis) {}

  @Override
  public String stopReason() {
    return null;
  }

  @Override
  public boolean done() {
    return true;
  }
}
