package dev.ringgate.checkin;

/**
 * The last check-in of a device for one product, and what it was told. A device's first product is
 * its {@link DeviceState} itself; further products hang off {@link #next}.
 */
class ProductSeen {
  volatile String productId;
  volatile ProductSeen next;
  volatile long lastSeenMillis;
  volatile String reportedVersion;
  volatile String toldVersion;

  /** What the device's cohort marks last were (a hash), and when they were queued. */
  volatile int markKey;

  volatile int markedSecond;

  volatile int pollAfterSeconds;
  volatile byte toldAction;

  /** The last telemetry report written for the health gate (a hash), and when. */
  volatile int reportKey;

  volatile int reportedSecond;

  /** When this record was last queued for the store. */
  volatile int queuedSecond;

  /** Times kept as seconds since 2025 in an int (until 2093): four bytes a time per device. */
  private static final long BASE_SECOND = 1_735_689_600L;

  static int second(long millis) {
    return (int) (millis / 1000 - BASE_SECOND);
  }

  ProductSeen(String productId) {
    this.productId = productId;
  }
}
