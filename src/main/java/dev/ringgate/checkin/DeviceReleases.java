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
import dev.ringgate.store.Sql;
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
      DeviceRegistry registry,
      EventRecorder events,
      ChangeFeed changes,
      TimeSource time,
      CheckinConfig config,
      MeterRegistry meters) {
    this.store = store;
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
                          Sql.one(
                                  c,
                                  "SELECT tenant_id FROM devices WHERE id = ? FOR UPDATE",
                                  r -> r.getString(1),
                                  deviceId)
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
                        for (Map.Entry<String, String> device : stale(c, cutoff)) {
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
    store.inTransaction(
        c ->
            Sql.update(
                c,
                "DELETE FROM device_releases WHERE released_at < ?",
                time.now().minus(KEEP_RELEASES)));
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
      List<Object[]> rows =
          store.read(
              c ->
                  Sql.list(
                      c,
                      "SELECT seq, device_id, tenant_id FROM device_releases WHERE seq > ? ORDER"
                          + " BY seq LIMIT "
                          + CHUNK,
                      r -> new Object[] {r.getLong(1), r.getString(2), r.getString(3)},
                      after));
      for (Object[] row : rows) {
        registry.forget((String) row[1], (String) row[2]);
        seenSeq = (Long) row[0];
      }
      if (rows.size() < CHUNK) {
        return;
      }
    }
  }

  private List<Map.Entry<String, String>> stale(Connection c, Instant cutoff) throws SQLException {
    return Sql.list(
        c,
        "SELECT d.id, d.tenant_id FROM devices d WHERE d.registered_at < ? AND NOT EXISTS"
            + " (SELECT 1 FROM device_products p WHERE p.device_id = d.id AND p.last_seen_at >= ?)"
            + " AND NOT EXISTS (SELECT 1 FROM rollout_devices rd JOIN rollouts r ON r.id ="
            + " rd.rollout_id WHERE rd.device_id = d.id AND r.state NOT IN ('COMPLETED',"
            + " 'SUPERSEDED', 'ROLLED_BACK')) LIMIT "
            + CHUNK,
        r -> Map.entry(r.getString(1), r.getString(2)),
        cutoff,
        cutoff);
  }

  /** Deletes the device if still bound to {@code tenantId} and records the release. */
  private boolean drop(Connection c, String deviceId, String tenantId) throws SQLException {
    if (Sql.update(c, "DELETE FROM devices WHERE id = ? AND tenant_id = ?", deviceId, tenantId)
        == 0) {
      return false;
    }
    Sql.update(c, "DELETE FROM device_products WHERE device_id = ?", deviceId);
    Sql.update(
        c,
        "INSERT INTO device_releases (device_id, tenant_id, released_at) VALUES (?, ?, ?)",
        deviceId,
        tenantId,
        time.now());
    return true;
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
      seenSeq =
          store.read(
              c ->
                  Sql.one(c, "SELECT COALESCE(MAX(seq), 0) FROM device_releases", r -> r.getLong(1))
                      .orElse(0L));
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
