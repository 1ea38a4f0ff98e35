package dev.ringgate.demo;

/**
 * One simulated endpoint agent: the version it runs, the last answer's ETag, and where it is in the
 * story (took the bad release, crashed, rolled back). Its owner synchronizes on it, so that a
 * check-in and a crash never interleave.
 */
final class SimulatedDevice {
  private final String id;
  private final String tenantId;
  private String current;
  private String etag;
  private int pollAfterSeconds;
  private long lastHeartbeatMillis;
  private boolean crashPending;
  private boolean crashed;
  private boolean bootLoopReported;
  private String badVersion;

  SimulatedDevice(String id, String tenantId, String current, int pollAfterSeconds) {
    this.id = id;
    this.tenantId = tenantId;
    this.current = current;
    this.pollAfterSeconds = pollAfterSeconds;
  }

  String id() {
    return id;
  }

  String tenantId() {
    return tenantId;
  }

  String current() {
    return current;
  }

  String etag() {
    return etag;
  }

  int pollAfterSeconds() {
    return pollAfterSeconds;
  }

  /** Remembers the last 200 answer's ETag and poll interval. */
  void answered(String newEtag, int seconds) {
    this.etag = newEtag;
    this.pollAfterSeconds = seconds;
  }

  /** The check-in path with this device's platform and current version. */
  String checkinPath(String productId) {
    String path =
        "/api/v1/devices/" + id + "/updates/" + productId + "?platform=" + DemoReleases.PLATFORM;
    return current == null ? path : path + "&current=" + current;
  }

  /**
   * Installs {@code version}: a {@code bad} release, or a good one; {@code crashes} when it is a
   * bad release this device falls to.
   */
  void installed(String version, boolean bad, boolean crashes, long nowMillis) {
    current = version;
    crashPending = crashes;
    crashed = false;
    bootLoopReported = false;
    lastHeartbeatMillis = nowMillis;
    if (bad) {
      badVersion = version;
    }
  }

  /** Goes back to {@code version}, as told; a crashed device recovers with it. */
  void rolledBackTo(String version) {
    current = version;
    crashPending = false;
    crashed = false;
  }

  /** Crashes now, if a crash is pending: whether there is a CRASH to report. */
  boolean crash() {
    if (!crashPending || crashed) {
      return false;
    }
    crashed = true;
    return true;
  }

  /**
   * The report due before the next check-in, or null: a BOOT_LOOP once after a crash, else a
   * HEARTBEAT when the last one is {@code heartbeatMillis} old (never while a crash is pending).
   */
  String dueReport(long nowMillis, long heartbeatMillis) {
    if (crashed && !bootLoopReported) {
      bootLoopReported = true;
      return "BOOT_LOOP";
    }
    if (current != null && !crashPending && nowMillis - lastHeartbeatMillis >= heartbeatMillis) {
      lastHeartbeatMillis = nowMillis;
      return "HEARTBEAT";
    }
    return null;
  }

  /** Whether it installed {@code version} as a bad release. */
  boolean tookBad(String version) {
    return version.equals(badVersion);
  }
}
