package dev.ringgate.checkin;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One device in memory: its id (as ASCII bytes), its tenant, and per product its last check-in and
 * what it was told. Small on purpose: a registry holds millions of these (about 144 bytes a device
 * with one product, its id and table slot included; see docs/benchmarks.md). The first product's
 * record is the state itself; further products hang off it. Fields are written by check-ins and
 * read by the flusher; a value may be a check-in behind, never torn.
 */
final class DeviceState extends ProductSeen {
  private static final AtomicIntegerFieldUpdater<DeviceState> DIRTY =
      AtomicIntegerFieldUpdater.newUpdater(DeviceState.class, "dirty");

  private final byte[] id;
  private final int idHash;
  final String tenantId;
  volatile boolean persisted;
  volatile boolean foreign;

  /** Removed from the registry (reclaimed or released): nothing of it is written any more. */
  volatile boolean released;

  private volatile int dirty;

  DeviceState(String deviceId, String tenantId, boolean persisted) {
    super(null);
    this.id = deviceId.getBytes(StandardCharsets.ISO_8859_1);
    this.idHash = DeviceTable.hash(deviceId);
    this.tenantId = tenantId;
    this.persisted = persisted;
  }

  String deviceId() {
    return new String(id, StandardCharsets.ISO_8859_1);
  }

  int idHash() {
    return idHash;
  }

  boolean hasId(String deviceId) {
    int n = id.length;
    if (deviceId.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if ((id[i] & 0xff) != deviceId.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Marks the device as having unwritten changes; true if it was clean until now. */
  boolean markDirty() {
    return DIRTY.compareAndSet(this, 0, 1);
  }

  void markClean() {
    dirty = 0;
  }

  boolean isDirty() {
    return dirty != 0;
  }

  /** The first of this device's product records (follow {@link ProductSeen#next}), or null. */
  ProductSeen products() {
    return productId == null ? null : this;
  }

  /** The record of one product, or null if the device never checked in for it. */
  ProductSeen find(String product) {
    for (ProductSeen seen = products(); seen != null; seen = seen.next) {
      if (seen.productId.equals(product)) {
        return seen;
      }
    }
    return null;
  }

  /** The record of one product, created on first use. */
  ProductSeen product(String product) {
    ProductSeen found = find(product);
    if (found != null) {
      return found;
    }
    synchronized (this) {
      if (productId == null) {
        productId = product;
        return this;
      }
      ProductSeen last = this;
      for (ProductSeen seen = this; seen != null; seen = seen.next) {
        if (seen.productId.equals(product)) {
          return seen;
        }
        last = seen;
      }
      ProductSeen added = new ProductSeen(product);
      last.next = added;
      return added;
    }
  }
}
