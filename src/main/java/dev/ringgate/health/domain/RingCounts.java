package dev.ringgate.health.domain;

/**
 * A ring's figures, in distinct devices: those given the new release (exposed) and those of the
 * same ring still on the previous release over the same time (control).
 *
 * @param exposed devices that reported INSTALLED, a HEARTBEAT or a check-in on the release
 * @param atRisk devices told to INSTALL the release or seen on it: the exposed, and those that
 *     never reported (a device in a boot loop may never report)
 * @param crashed devices of {@code atRisk} that reported CRASH or BOOT_LOOP on the release
 * @param silent devices of {@code atRisk}, not crashed, that are silent now
 * @param control devices of the ring that checked in on an older version while not offered the
 *     release (cumulative: a control device later offered the release stays counted here)
 * @param controlCrashed control devices that reported CRASH or BOOT_LOOP while in the control group
 * @param controlSilent control devices, never offered the release, that are silent now
 * @param exposedHours device-hours at risk on the release (from the offer to now, or to the crash)
 * @param controlHours device-hours in the control group (from joining it to the offer, the crash,
 *     or now)
 * @param recentExposed devices first exposed within the catastrophic window that reported anything
 * @param recentCrashed of those, the ones that crashed
 * @param controlNow control devices still in the control group now: never offered the release, not
 *     crashed
 * @param earlySilent devices of {@code atRisk}, not crashed, that missed the check-in they were
 *     last asked for by more than the early-silence grace (a superset of {@code silent}); for a
 *     device told to install, the first such check-in is the one after the offer
 * @param controlEarlySilent control devices, never offered the release, that missed the check-in
 *     they were last asked for by more than the grace: the same event on the previous release
 */
public record RingCounts(
    long exposed,
    long atRisk,
    long crashed,
    long silent,
    long control,
    long controlCrashed,
    long controlSilent,
    double exposedHours,
    double controlHours,
    long recentExposed,
    long recentCrashed,
    long controlNow,
    long earlySilent,
    long controlEarlySilent) {

  public static final RingCounts NONE = new RingCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Exposed devices that failed: crashed or silent. */
  public long failed() {
    return crashed + silent;
  }

  /** Control devices that failed: crashed or silent. */
  public long controlFailed() {
    return controlCrashed + controlSilent;
  }
}
