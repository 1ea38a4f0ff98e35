package dev.ringgate.checkin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Endpoint check-in settings ({@code ringgate.checkin.*}). */
@ConfigMapping(prefix = "ringgate.checkin")
public interface CheckinConfig {
  /** Seconds a device waits before its next check-in (each device gets a fixed jitter of ±10 %). */
  @WithDefault("300")
  int pollSeconds();

  /**
   * Seconds a device told INSTALL waits before checking in again, so that a good boot on the new
   * version, or its absence, shows quickly.
   */
  @WithDefault("60")
  int installPollSeconds();

  /**
   * Devices the in-memory registry holds (about 144 bytes each: size the heap for it; 10 million
   * need about 1.5 GB). When it is full, new devices are refused with 503 until it is raised; known
   * devices keep being served.
   */
  @WithDefault("10000000")
  int maxDevices();

  /**
   * How stale the stored last-seen time of a device may get while nothing else about it changes.
   * Memory always has the exact time; the store's copy serves restarts and the fleet view.
   */
  @WithDefault("5m")
  Duration lastSeenWriteInterval();

  /** How often registrations, last-seen times and exposures are written to the store. */
  @WithDefault("1s")
  Duration flushInterval();
}
