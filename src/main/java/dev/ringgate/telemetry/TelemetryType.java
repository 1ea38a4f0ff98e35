package dev.ringgate.telemetry;

/** What an endpoint reports about a product's version. */
public enum TelemetryType {
  /** The version was installed (not yet health: the good boot is a heartbeat or check-in). */
  INSTALLED,
  /** The device runs the version and is alive: a good boot. */
  HEARTBEAT,
  /** The product crashed on this version. */
  CRASH,
  /** The device is stuck in a boot loop on this version (reported once it recovers). */
  BOOT_LOOP,
  /** Installing this version failed; the device still runs its previous one. */
  INSTALL_FAILED,
  /** The device went back; {@code version} is the one it runs now. */
  ROLLED_BACK;

  /** Whether the report says the version failed on the device. */
  public boolean isFailure() {
    return this == CRASH || this == BOOT_LOOP;
  }
}
