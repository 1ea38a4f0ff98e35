package dev.ringgate.checkin;

import java.util.Map;

/**
 * The registry's size and each tenant's quota, from {@link CheckinConfig}: set explicitly, or
 * derived from the maximum heap so that the default never promises more devices than memory holds.
 *
 * @param maxDevices devices the registry holds
 * @param tenantQuota devices one tenant may register unless overridden
 * @param overrides quotas of single tenants
 */
record RegistryLimits(int maxDevices, int tenantQuota, Map<String, Integer> overrides) {
  /** Heap budgeted per device when the size is derived: 144 bytes measured, room for more. */
  static final long BYTES_PER_DEVICE = 256;

  /** The largest registry the default grants. */
  static final int DEFAULT_CEILING = 10_000_000;

  RegistryLimits {
    if (maxDevices < 1 || tenantQuota < 1) {
      throw new IllegalArgumentException("registry size and quota must be positive");
    }
    overrides = Map.copyOf(overrides);
  }

  static RegistryLimits of(CheckinConfig config, long maxHeapBytes) {
    int max = config.maxDevices().orElseGet(() -> fromHeap(maxHeapBytes));
    int quota = config.tenantQuota().orElse(Math.max(1, max / 2));
    return new RegistryLimits(max, quota, config.tenantQuotas());
  }

  /** What half the heap holds at {@link #BYTES_PER_DEVICE}, at most {@link #DEFAULT_CEILING}. */
  static int fromHeap(long maxHeapBytes) {
    return (int) Math.max(1_000, Math.min(DEFAULT_CEILING, maxHeapBytes / 2 / BYTES_PER_DEVICE));
  }

  int quotaOf(String tenantId) {
    return overrides.getOrDefault(tenantId, tenantQuota);
  }
}
