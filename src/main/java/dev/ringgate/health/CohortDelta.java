package dev.ringgate.health;

/**
 * What one check-in or telemetry event adds to a device's row in a rollout: times in epoch
 * milliseconds, null where it adds nothing. Merged into the row by keeping each time's earliest
 * value and the latest {@code silentAtMs} and {@code earlySilentAtMs}. The factories take both
 * deadlines: {@code s}, silent after the configured number of missed check-ins, and {@code e},
 * early-silent after one missed check-in and the grace.
 */
public record CohortDelta(
    String rolloutId,
    String deviceId,
    int ring,
    Long offeredMs,
    Long exposedMs,
    Long bootedMs,
    Long crashedMs,
    Long controlMs,
    Long controlCrashedMs,
    Long silentAtMs,
    Long earlySilentAtMs) {

  public static CohortDelta offered(
      String rolloutId, String deviceId, int ring, long at, long s, long e) {
    return new CohortDelta(rolloutId, deviceId, ring, at, null, null, null, null, null, s, e);
  }

  /** A heartbeat on the release: a good boot. */
  public static CohortDelta booted(
      String rolloutId, String deviceId, int ring, long at, long s, long e) {
    return new CohortDelta(rolloutId, deviceId, ring, null, at, at, null, null, null, s, e);
  }

  /**
   * A check-in on the release: a good boot of a device that was given the release (the offer counts
   * from then on if no earlier one is known, for instance when the offer's write was lost).
   */
  public static CohortDelta checkedIn(
      String rolloutId, String deviceId, int ring, long at, long s, long e) {
    return new CohortDelta(rolloutId, deviceId, ring, at, at, at, null, null, null, s, e);
  }

  public static CohortDelta installed(
      String rolloutId, String deviceId, int ring, long at, long s, long e) {
    return new CohortDelta(rolloutId, deviceId, ring, null, at, null, null, null, null, s, e);
  }

  public static CohortDelta crashed(
      String rolloutId, String deviceId, int ring, long at, long s, long e) {
    return new CohortDelta(rolloutId, deviceId, ring, null, null, null, at, null, null, s, e);
  }

  public static CohortDelta control(
      String rolloutId, String deviceId, int ring, long at, long s, long e) {
    return new CohortDelta(rolloutId, deviceId, ring, null, null, null, null, at, null, s, e);
  }

  /**
   * A device heard from (its silence deadline moves on) that may also have crashed on an older
   * version while in the control group; applied only to rows that exist.
   */
  public static CohortDelta heard(
      String rolloutId, String deviceId, Long controlCrashedMs, long s, long e) {
    return new CohortDelta(
        rolloutId, deviceId, 0, null, null, null, null, null, controlCrashedMs, s, e);
  }

  String key() {
    return rolloutId + '\u0000' + deviceId;
  }

  /** Both deltas as one, for the same rollout and device. */
  CohortDelta merge(CohortDelta o) {
    return new CohortDelta(
        rolloutId,
        deviceId,
        ring,
        min(offeredMs, o.offeredMs),
        min(exposedMs, o.exposedMs),
        min(bootedMs, o.bootedMs),
        min(crashedMs, o.crashedMs),
        min(controlMs, o.controlMs),
        min(controlCrashedMs, o.controlCrashedMs),
        max(silentAtMs, o.silentAtMs),
        max(earlySilentAtMs, o.earlySilentAtMs));
  }

  private static Long max(Long a, Long b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return Math.max(a, b);
  }

  private static Long min(Long a, Long b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return Math.min(a, b);
  }
}
