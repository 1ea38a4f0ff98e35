package dev.ringgate.checkin;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Every device that checked in, in memory: which tenant it belongs to (the first check-in binds it)
 * and its last check-in per product. Check-ins only touch memory; a flusher writes new
 * registrations, last-seen times and exposures to the store in batches ({@link DeviceWriter}).
 *
 * <p>A device id bound to another tenant answers 404. Across replicas the binding is settled when
 * the registration is flushed: the store keeps the first tenant, and a replica that bound the id to
 * another tenant learns it then and answers 404 from that moment.
 */
@Singleton
public class DeviceRegistry {
  private static final Logger LOG = Logger.getLogger(DeviceRegistry.class);

  private final Store store;
  private final DeviceWriter writer;
  private final CheckinConfig config;
  private final DeviceTable devices = new DeviceTable();
  private final ConcurrentLinkedQueue<DeviceState> dirty = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<DeviceWriter.Exposure> exposures =
      new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingExposures = new AtomicInteger();
  private final long lastSeenWriteMillis;
  private ScheduledExecutorService flusher;

  DeviceRegistry(Store store, DeviceWriter writer, CheckinConfig config) {
    this.store = store;
    this.writer = writer;
    this.config = config;
    this.lastSeenWriteMillis = config.lastSeenWriteInterval().toMillis();
  }

  void start(@Observes StartupEvent event) {
    try {
      store.read(this::load);
    } catch (RuntimeException e) {
      LOG.warnf("devices not loaded from the store: %s", e.getMessage());
    }
    long millis = Math.max(50, config.flushInterval().toMillis());
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "ringgate-device-flusher");
              thread.setDaemon(true);
              return thread;
            });
    flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (flusher != null) {
      flusher.shutdownNow();
    }
    flushQuietly();
  }

  /** The device, bound to {@code tenantId} on first use; null when it belongs to another tenant. */
  DeviceState bind(String deviceId, String tenantId) {
    DeviceState state = devices.get(deviceId);
    if (state == null) {
      if (devices.size() >= config.maxDevices()) {
        throw new RegistryFullException(config.maxDevices());
      }
      state = devices.putIfAbsent(deviceId, () -> new DeviceState(deviceId, tenantId, false));
      if (state.tenantId.equals(tenantId) && !state.persisted) {
        markDirty(state);
      }
    }
    if (state.foreign || !state.tenantId.equals(tenantId)) {
      return null;
    }
    return state;
  }

  /** Records a check-in: what the device reported and what it was told. */
  void seen(
      DeviceState device,
      String productId,
      long nowMillis,
      String reported,
      Action action,
      String toldVersion,
      int pollAfterSeconds) {
    ProductSeen seen = device.product(productId);
    byte told = (byte) action.ordinal();
    boolean changed =
        seen.toldAction != told
            || !java.util.Objects.equals(seen.reportedVersion, reported)
            || !java.util.Objects.equals(seen.toldVersion, toldVersion)
            || seen.pollAfterSeconds != pollAfterSeconds;
    seen.lastSeenMillis = nowMillis;
    seen.reportedVersion = reported;
    seen.toldAction = told;
    seen.toldVersion = toldVersion;
    seen.pollAfterSeconds = pollAfterSeconds;
    if (changed || nowMillis - seen.queuedMillis >= lastSeenWriteMillis) {
      seen.queuedMillis = nowMillis;
      markDirty(device);
    }
  }

  /** Records, once per rollout, that the device runs the rollout's release in {@code ring}. */
  void exposed(DeviceState device, String productId, String rolloutId, int ring, long nowMillis) {
    ProductSeen seen = device.product(productId);
    if (rolloutId.equals(seen.exposedRolloutId)) {
      return;
    }
    seen.exposedRolloutId = rolloutId;
    exposures.add(new DeviceWriter.Exposure(rolloutId, device.deviceId(), ring, nowMillis));
    pendingExposures.incrementAndGet();
  }

  /** Devices in memory. */
  public int size() {
    return devices.size();
  }

  /** Writes everything pending now (also used by tests to avoid waiting for the flusher). */
  public synchronized void flush() {
    writer.write(dirty, exposures, pendingExposures);
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warnf("device flush failed, will retry: %s", e.getMessage());
    }
  }

  private void markDirty(DeviceState state) {
    if (state.markDirty()) {
      dirty.add(state);
    }
  }

  private Void load(Connection c) throws SQLException {
    for (Map.Entry<String, String> row :
        Sql.list(
            c,
            "SELECT id, tenant_id FROM devices",
            r -> Map.entry(r.getString(1), r.getString(2).intern()))) {
      String id = row.getKey();
      devices.putIfAbsent(id, () -> new DeviceState(id, row.getValue(), true));
    }
    LOG.infof("%d devices loaded", devices.size());
    return null;
  }
}
