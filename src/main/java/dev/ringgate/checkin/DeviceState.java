package dev.ringgate.checkin;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One device in memory: its tenant, and per product its last check-in. Small on purpose: a registry
 * holds millions of these. Fields are written by check-ins and read by the flusher; values may be a
 * check-in behind, never torn.
 */
final class DeviceState {
  final String deviceId;
  final String tenantId;
  volatile boolean persisted;
  volatile boolean foreign;
  volatile ProductSeen[] products = new ProductSeen[0];
  final AtomicBoolean dirty = new AtomicBoolean();

  DeviceState(String deviceId, String tenantId, boolean persisted) {
    this.deviceId = deviceId;
    this.tenantId = tenantId;
    this.persisted = persisted;
  }

  /** The record of one product, created on first use. */
  ProductSeen product(String productId) {
    ProductSeen[] current = products;
    for (ProductSeen seen : current) {
      if (seen.productId.equals(productId)) {
        return seen;
      }
    }
    synchronized (this) {
      for (ProductSeen seen : products) {
        if (seen.productId.equals(productId)) {
          return seen;
        }
      }
      ProductSeen added = new ProductSeen(productId);
      ProductSeen[] next = java.util.Arrays.copyOf(products, products.length + 1);
      next[next.length - 1] = added;
      products = next;
      return added;
    }
  }

  /** The last check-in of a device for one product, and what it was told. */
  static final class ProductSeen {
    final String productId;
    volatile long lastSeenMillis;
    volatile String reportedVersion;
    volatile String toldAction;
    volatile String toldVersion;
    volatile int pollAfterSeconds;
    volatile String exposedRolloutId;

    ProductSeen(String productId) {
      this.productId = productId;
    }
  }
}
