package dev.ringgate.checkin;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.checkin.domain.CohortMark;
import dev.ringgate.health.CohortDelta;
import dev.ringgate.health.HealthConfig;
import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.kernel.WriteBehind;
import dev.ringgate.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>The registry is bounded ({@link RegistryLimits}): in all, and per tenant. Ids are given up by
 * reclamation and by an operator ({@link DeviceReleases}); {@link #forget} drops them here.
 */
@Singleton
public class DeviceRegistry {
  private static final Logger LOG = Logger.getLogger(DeviceRegistry.class);

  private final Store store;
  private final DeviceStore deviceStore;
  private final DeviceWriter writer;
  private final CheckinConfig config;
  private final RegistryLimits limits;
  private final DeviceTable devices = new DeviceTable();
  private final Map<String, AtomicInteger> perTenant = new ConcurrentHashMap<>();
  private final WriteBehind<DeviceState> dirty = new WriteBehind<>();
  private final WriteBehind<CohortDelta> marksQueue = new WriteBehind<>();
  private final WriteBehind<FirstSeen> firstSeen = new WriteBehind<>();
  private final Counter droppedMarks;
  private final int silentAfterPolls;
  private final long earlySilenceGraceMillis;
  private final int pollSeconds;
  private final long lastSeenWriteMillis;
  private BackgroundLoop flusher;

  /** Marks waiting for the store beyond this are dropped (the next check-in marks again). */
  static final int MAX_PENDING_MARKS = 1_000_000;

  DeviceRegistry(
      Store store,
      DeviceStore deviceStore,
      DeviceWriter writer,
      CheckinConfig config,
      HealthConfig health,
      MeterRegistry meters) {
    this.store = store;
    this.deviceStore = deviceStore;
    this.silentAfterPolls = health.silentAfterPolls();
    this.earlySilenceGraceMillis = health.earlySilenceGrace().toMillis();
    this.pollSeconds = config.pollSeconds();
    this.droppedMarks =
        Counter.builder("ringgate.cohort.marks.dropped")
            .description("Check-in marks for the health gate dropped while the store was behind")
            .register(meters);
    this.writer = writer;
    this.config = config;
    this.limits = RegistryLimits.of(config, Runtime.getRuntime().maxMemory());
    Gauge.builder("ringgate.registry.devices", this, DeviceRegistry::size)
        .description("Devices in the in-memory registry")
        .register(meters);
    Gauge.builder("ringgate.registry.capacity", limits, RegistryLimits::maxDevices)
        .description("Devices the registry holds (ringgate.checkin.max-devices)")
        .register(meters);
    Gauge.builder("ringgate.registry.fill", this, DeviceRegistry::fill)
        .description("Share of the registry in use, 0 to 1; new devices are refused at 1")
        .register(meters);
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
    while (state == null || state.released) {
      if (devices.size() >= limits.maxDevices()) {
        throw new RegistryFullException(limits.maxDevices());
      }
      AtomicInteger count = tenantCount(tenantId);
      int quota = limits.quotaOf(tenantId);
      if (count.get() >= quota) {
        throw new TenantQuotaException(quota);
      }
      DeviceState fresh = new DeviceState(deviceId, tenantId, false);
      state = devices.putIfAbsent(deviceId, () -> fresh);
      if (state == fresh) {
        count.incrementAndGet();
        markDirty(state);
      }
    }
    if (state.foreign || !state.tenantId.equals(tenantId)) {
      return null;
    }
    return state;
  }

  /**
   * Drops the device from memory if it is still bound to {@code tenantId}, or was claimed here by
   * another tenant that the store refused (its id was reclaimed or released in the store); its
   * pending writes are skipped. True if it was here.
   */
  boolean forget(String deviceId, String tenantId) {
    DeviceState state = devices.get(deviceId);
    if (state == null || !(state.foreign || state.tenantId.equals(tenantId))) {
      return false;
    }
    state.released = true;
    if (!devices.remove(state)) {
      return false;
    }
    tenantCount(state.tenantId).decrementAndGet();
    return true;
  }

  /** The tenant the device is bound to here, or null when it is unknown. */
  String tenantOf(String deviceId) {
    DeviceState state = devices.get(deviceId);
    return state == null || state.released ? null : state.tenantId;
  }

  /** Devices of one tenant in memory. */
  int devicesOf(String tenantId) {
    AtomicInteger count = perTenant.get(tenantId);
    return count == null ? 0 : count.get();
  }

  /** The registry's bounds. */
  RegistryLimits limits() {
    return limits;
  }

  /** Share of the registry in use, 0 to 1. */
  public double fill() {
    return (double) devices.size() / limits.maxDevices();
  }

  private AtomicInteger tenantCount(String tenantId) {
    return perTenant.computeIfAbsent(tenantId, t -> new AtomicInteger());
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
    if (seen.lastSeenMillis == 0) {
      // The first check-in for the product here (or since a restart): the store keeps the
      // earliest, which decides whether the device is established for a rollout.
      firstSeen.add(new FirstSeen(device.deviceId(), productId, nowMillis));
    }
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
   * at least {@code silentAfterPolls - 1} polls ahead of a device that keeps checking in, and the
   * early-silence deadline (one poll and the grace) ahead of a device that checks in on time.
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
    long earlyAt = nowMillis + pollAfterSeconds * 1000L + earlySilenceGraceMillis;
    String deviceId = device.deviceId();
    for (CohortMark mark : marks) {
      marksQueue.add(
          switch (mark.kind()) {
            case OFFERED ->
                CohortDelta.offered(
                    mark.rolloutId(), deviceId, mark.ring(), nowMillis, silentAt, earlyAt);
            case BOOTED ->
                CohortDelta.checkedIn(
                    mark.rolloutId(), deviceId, mark.ring(), nowMillis, silentAt, earlyAt);
            case CONTROL ->
                CohortDelta.control(
                    mark.rolloutId(), deviceId, mark.ring(), nowMillis, silentAt, earlyAt);
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
   * When the device's last check-in for the product told it to install {@code version} (epoch
   * millis), or -1. A report that follows the offer closely reaches the store before the offer's
   * queued mark does (or instead of it, if the process dies in between); it carries the offer
   * along.
   */
  public long toldToInstallAt(String deviceId, String productId, String version) {
    DeviceState device = devices.get(deviceId);
    ProductSeen seen = device == null || device.foreign ? null : device.find(productId);
    if (seen == null) {
      return -1;
    }
    return seen.toldAction == Action.INSTALL.ordinal() && version.equals(seen.toldVersion)
        ? seen.lastSeenMillis
        : -1;
  }

  /**
   * Whether the device may report for {@code tenantId}: it is unknown here (its first report will
   * register it) or bound to that tenant.
   */
  public boolean mayReport(String deviceId, String tenantId) {
    DeviceState device = devices.get(deviceId);
    return device == null || (!device.foreign && device.tenantId.equals(tenantId));
  }

  /**
   * Binds a device on its first report, as its first check-in would; while the registry is full or
   * the tenant holds its quota, the report is kept and the device stays unregistered.
   */
  public void bindReporting(String deviceId, String tenantId) {
    try {
      bind(deviceId, tenantId);
    } catch (RegistryFullException | TenantQuotaException e) {
      LOG.debugf("device %s reported but was not registered: %s", deviceId, e.getMessage());
    }
  }

  /** Devices in memory. */
  public int size() {
    return devices.size();
  }

  /** Writes everything pending now (also used by tests to avoid waiting for the flusher). */
  public synchronized void flush() {
    writer.write(dirty, marksQueue, firstSeen);
  }

  /**
   * Runs {@code action} after a flush, with no flush running until it returns: a change to the
   * stored devices then never races with a write of the same devices from this replica.
   */
  synchronized <T> T betweenFlushes(java.util.function.Supplier<T> action) {
    flush();
    return action.get();
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
    for (Map.Entry<String, String> row : deviceStore.all(c)) {
      String id = row.getKey();
      DeviceState fresh = new DeviceState(id, row.getValue(), true);
      if (devices.putIfAbsent(id, () -> fresh) == fresh) {
        tenantCount(fresh.tenantId).incrementAndGet();
      }
    }
    LOG.infof("%d devices loaded", devices.size());
    return null;
  }
}
