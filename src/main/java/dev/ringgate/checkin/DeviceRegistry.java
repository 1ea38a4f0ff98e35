package dev.ringgate.checkin;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.checkin.domain.CohortMark;
import dev.ringgate.health.CohortDelta;
import dev.ringgate.health.HealthConfig;
import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.kernel.WriteBehind;
import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
  private final WriteBehind<DeviceState> dirty = new WriteBehind<>();
  private final WriteBehind<CohortDelta> marksQueue = new WriteBehind<>();
  private final Counter droppedMarks;
  private final int silentAfterPolls;
  private final int pollSeconds;
  private final long lastSeenWriteMillis;
  private BackgroundLoop flusher;

  /** Marks waiting for the store beyond this are dropped (the next check-in marks again). */
  static final int MAX_PENDING_MARKS = 1_000_000;

  DeviceRegistry(
      Store store,
      DeviceWriter writer,
      CheckinConfig config,
      HealthConfig health,
      MeterRegistry meters) {
    this.store = store;
    this.silentAfterPolls = health.silentAfterPolls();
    this.pollSeconds = config.pollSeconds();
    this.droppedMarks =
        Counter.builder("ringgate.cohort.marks.dropped")
            .description("Check-in marks for the health gate dropped while the store was behind")
            .register(meters);
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
    Duration interval = BackgroundLoop.atLeast(config.flushInterval(), Duration.ofMillis(50));
    flusher = BackgroundLoop.start("ringgate-device-flusher", interval, this::flushQuietly);
  }

  void stop(@Observes ShutdownEvent event) {
    BackgroundLoop.stop(flusher);
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
    int now = ProductSeen.second(nowMillis);
    if (changed || (now - seen.queuedSecond) * 1000L >= lastSeenWriteMillis) {
      seen.queuedSecond = now;
      markDirty(device);
    }
  }

  /**
   * Records what the check-in tells the health gate (see {@link CohortMark}). The same marks are
   * queued again only once half a poll interval has passed, which keeps the stored silence deadline
   * at least {@code silentAfterPolls - 1} polls ahead of a device that keeps checking in.
   */
  void mark(
      DeviceState device,
      String productId,
      List<CohortMark> marks,
      long nowMillis,
      int pollAfterSeconds) {
    if (marks.isEmpty()) {
      return;
    }
    ProductSeen seen = device.product(productId);
    int key = marks.hashCode();
    int now = ProductSeen.second(nowMillis);
    if (key == seen.markKey && (now - seen.markedSecond) * 2L < pollAfterSeconds) {
      return;
    }
    if (marksQueue.size() >= MAX_PENDING_MARKS) {
      droppedMarks.increment();
      return;
    }
    seen.markKey = key;
    seen.markedSecond = now;
    long silentAt = nowMillis + (long) silentAfterPolls * pollAfterSeconds * 1000L;
    String deviceId = device.deviceId();
    for (CohortMark mark : marks) {
      marksQueue.add(
          switch (mark.kind()) {
            case OFFERED ->
                CohortDelta.offered(mark.rolloutId(), deviceId, mark.ring(), nowMillis, silentAt);
            case BOOTED ->
                CohortDelta.checkedIn(mark.rolloutId(), deviceId, mark.ring(), nowMillis, silentAt);
            case CONTROL ->
                CohortDelta.control(mark.rolloutId(), deviceId, mark.ring(), nowMillis, silentAt);
          });
    }
  }

  /**
   * Whether a telemetry report of this kind for the device was written for the gate within half a
   * poll interval, so that writing it again adds nothing the gate needs.
   */
  public boolean recentlyReported(String deviceId, String productId, int key, long nowMillis) {
    DeviceState device = devices.get(deviceId);
    if (device == null) {
      return false;
    }
    ProductSeen seen = device.product(productId);
    return key == seen.reportKey
        && (ProductSeen.second(nowMillis) - seen.reportedSecond) * 2L < pollSeconds;
  }

  /** Notes a report written for the gate (after its commit). */
  public void noteReported(String deviceId, String productId, int key, long nowMillis) {
    DeviceState device = devices.get(deviceId);
    if (device != null) {
      ProductSeen seen = device.product(productId);
      seen.reportKey = key;
      seen.reportedSecond = ProductSeen.second(nowMillis);
    }
  }

  /**
   * Whether the device may report for {@code tenantId}: it is unknown here (its first report will
   * register it) or bound to that tenant.
   */
  public boolean mayReport(String deviceId, String tenantId) {
    DeviceState device = devices.get(deviceId);
    return device == null || (!device.foreign && device.tenantId.equals(tenantId));
  }

  /** Binds a device on its first report, as its first check-in would. */
  public void bindReporting(String deviceId, String tenantId) {
    try {
      bind(deviceId, tenantId);
    } catch (RegistryFullException e) {
      LOG.debugf("device %s reported while the registry is full", deviceId);
    }
  }

  /** Devices in memory. */
  public int size() {
    return devices.size();
  }

  /** Writes everything pending now (also used by tests to avoid waiting for the flusher). */
  public synchronized void flush() {
    writer.write(dirty, marksQueue);
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
