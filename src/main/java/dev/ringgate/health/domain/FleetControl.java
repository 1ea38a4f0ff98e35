package dev.ringgate.health.domain;

/**
 * The whole fleet as control. Devices in rings the rollout has not reached are a random sample of
 * the fleet (placed by the hash) that runs the previous release over the same hours; their crashes,
 * silence (late and early) and device-hours are added to the control group of every ring reached,
 * next to the ring's own held-back devices. The baseline then is nearly known and the sequential
 * test needs little more than a test that knew it. Pure; the service and the fleet simulator both
 * use it.
 */
public final class FleetControl {
  private FleetControl() {}

  /**
   * Each ring's counts with the control figures of the rings beyond {@code ringIndex} added; rings
   * beyond it are returned as they are.
   */
  public static RingCounts[] pooled(RingCounts[] byRing, int ringIndex) {
    RingCounts fleet = RingCounts.NONE;
    for (int j = ringIndex + 1; j < byRing.length; j++) {
      if (byRing[j] != null) {
        fleet = plusControl(fleet, byRing[j]);
      }
    }
    RingCounts[] pooled = byRing.clone();
    for (int i = 0; i <= ringIndex && i < byRing.length; i++) {
      pooled[i] = plusControl(byRing[i] == null ? RingCounts.NONE : byRing[i], fleet);
    }
    return pooled;
  }

  /** {@code ring} with the control figures of {@code other} added. */
  public static RingCounts plusControl(RingCounts ring, RingCounts other) {
    if (other.control() == 0 && other.controlHours() == 0) {
      return ring;
    }
    return new RingCounts(
        ring.exposed(),
        ring.atRisk(),
        ring.crashed(),
        ring.silent(),
        ring.control() + other.control(),
        ring.controlCrashed() + other.controlCrashed(),
        ring.controlSilent() + other.controlSilent(),
        ring.exposedHours(),
        ring.controlHours() + other.controlHours(),
        ring.recentExposed(),
        ring.recentCrashed(),
        ring.controlNow() + other.controlNow(),
        ring.earlySilent(),
        ring.controlEarlySilent() + other.controlEarlySilent());
  }
}
