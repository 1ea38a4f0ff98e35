package dev.ringgate.checkin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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
   * Devices the in-memory registry holds (about 144 bytes each with one product: size the heap for
   * it; 10 million need about 1.5 GB). Unset, it is what half the maximum heap holds at 256 bytes a
   * device, at most 10 million ({@link RegistryLimits}). When it is full, new devices are refused
   * with 503 until it is raised; known devices keep being served.
   */
  Optional<Integer> maxDevices();

  /**
   * Devices one tenant may register; unset, half the registry's size. A tenant over it gets 429 for
   * new device ids; its known devices and other tenants are served.
   */
  Optional<Integer> tenantQuota();

  /**
   * Quotas of single tenants, overriding {@link #tenantQuota()}: {@code tenant-quotas."t1"=500}.
   */
  Map<String, Integer> tenantQuotas();

  /**
   * How long a device may stay unheard (no check-in; registration counts as heard) before its id is
   * reclaimed: dropped from memory and the store, free to be registered again by any tenant.
   * Devices that take part in a rollout that has not ended are kept.
   */
  @WithDefault("90d")
  Duration deviceRetention();

  /** How often devices past their retention are reclaimed. */
  @WithDefault("1h")
  Duration deviceRetentionInterval();

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
