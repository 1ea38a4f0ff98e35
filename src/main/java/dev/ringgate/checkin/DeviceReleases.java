package dev.ringgate.checkin;

import dev.ringgate.checkin.DeviceEvents.DeviceReleased;
import dev.ringgate.events.EventRecorder;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.kernel.Patterns;
import dev.ringgate.kernel.TimeBounds;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.store.ChangeFeed;
import dev.ringgate.store.StateChanged;
import dev.ringgate.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Device ids given up, so that they can be registered again (by any tenant): an operator releases
 * one (a squatted id), and ids unheard for {@code ringgate.checkin.device-retention} are reclaimed,
 * except those of devices in a rollout that has not ended (their rows are its evidence). Both
 * delete the device from the store and append a row to {@code device_releases} in one transaction,
 * and bump the change feed; every replica then reads the rows it has not seen and drops those
 * devices from memory.
 */
@ApplicationScoped
public class DeviceReleases {
  private static final Logger LOG = Logger.getLogger(DeviceReleases.class);
  static final int CHUNK = 1_000;

  /** Release rows are kept this long for replicas that fell behind. */
  static final Duration KEEP_RELEASES = Duration.ofDays(7);

  private final Store store;
  private final DeviceStore devices;
  private final DeviceRegistry registry;
  private final EventRecorder events;
  private final ChangeFeed changes;
  private final TimeSource time;
  private final CheckinConfig config;
  private final Counter reclaimed;
  private long seenSeq = -1;
  private BackgroundLoop executor;

  DeviceReleases(
      Store store,
      DeviceStore devices,
      DeviceRegistry registry,
      EventRecorder events,
      ChangeFeed changes,
      TimeSource time,
      CheckinConfig config,
      MeterRegistry meters) {
    this.store = store;
    this.devices = devices;
    this.registry = registry;
    this.events = events;
    this.changes = changes;
    this.time = time;
    this.config = config;
    this.reclaimed =
        Counter.builder("ringgate.registry.reclaimed")
            .description("Device ids reclaimed after the retention period")
            .register(meters);
  }

  /**
   * Releases a device id (operator only). With {@code tenantId}, only if the id is bound to that
   * tenant (409 otherwise). 404 when no tenant holds the id.
   */
  public void release(Caller caller, String deviceId, String tenantId, String reason) {
    Access.requireOperator(caller);
    if (!Patterns.isId(deviceId)) {
      throw ApiException.invalid("deviceId", Patterns.ID_MESSAGE);
    }
    String owner =
        registry.betweenFlushes(
            () ->
                store.inTransaction(
                    c -> {
                      String bound =
                          devices
                              .owner(c, deviceId, true)
                              .orElseThrow(() -> ApiException.notFound("device", deviceId));
                      if (tenantId != null && !tenantId.equals(bound)) {
                        throw ApiException.conflict(
                            "The device '"
                                + deviceId
                                + "' is not bound to tenant '"
                                + tenantId
                                + "'; nothing was released.");
                      }
                      drop(c, deviceId, bound);
                      events.record(c, caller.actor(), reason, new DeviceReleased(deviceId, bound));
                      changes.bump(c);
                      return bound;
                    }));
    registry.forget(deviceId, owner);
    changes.committed();
  }

  /** Reclaims the devices unheard for the retention period; returns how many. */
  public int reclaim() {
    Instant cutoff = TimeBounds.saturatingPlus(time.now(), config.deviceRetention().negated());
    int total = 0;
    while (true) {
      int dropped =
          registry.betweenFlushes(
              () ->
                  store.inTransaction(
                      c -> {
                        int n = 0;
                        for (Map.Entry<String, String> device : devices.stale(c, cutoff, CHUNK)) {
                          if (drop(c, device.getKey(), device.getValue())) {
                            n++;
                          }
                        }
                        if (n > 0) {
                          changes.bump(c);
                        }
                        return n;
                      }));
      total += dropped;
      if (dropped < CHUNK) {
        break;
      }
    }
    store.inTransaction(c -> devices.forgetReleasesBefore(c, time.now().minus(KEEP_RELEASES)));
    if (total > 0) {
      reclaimed.increment(total);
      changes.committed();
    }
    return total;
  }

  /** Drops from memory the devices released in the store since the last call. */
  synchronized void applyReleases() {
    while (true) {
      long after = seenSeq;
      List<DeviceStore.Release> rows = store.read(c -> devices.releasesAfter(c, after, CHUNK));
      for (DeviceStore.Release row : rows) {
        registry.forget(row.deviceId(), row.tenantId());
        seenSeq = row.seq();
      }
      if (rows.size() < CHUNK) {
        return;
      }
    }
  }

  private boolean drop(Connection c, String deviceId, String tenantId) throws SQLException {
    return devices.drop(c, deviceId, tenantId, time.now());
  }

  void onChange(@Observes StateChanged change) {
    try {
      applyReleases();
    } catch (RuntimeException e) {
      LOG.warnf("released devices not yet dropped from memory, retrying: %s", e.getMessage());
    }
  }

  void start(@Observes StartupEvent event) {
    try {
      seenSeq = store.read(devices::lastRelease);
    } catch (RuntimeException e) {
      seenSeq = 0;
    }
    Duration interval =
        BackgroundLoop.atLeast(config.deviceRetentionInterval(), Duration.ofSeconds(1));
    executor = BackgroundLoop.start("ringgate-device-reclaim", interval, this::reclaimQuietly);
  }

  void stop(@Observes ShutdownEvent event) {
    BackgroundLoop.stop(executor);
  }

  private void reclaimQuietly() {
    try {
      int n = reclaim();
      if (n > 0) {
        LOG.infof("%d devices unheard for %s reclaimed", n, config.deviceRetention());
      }
    } catch (RuntimeException e) {
      LOG.warnf("device reclamation skipped: %s", e.getMessage());
    }
  }
}
