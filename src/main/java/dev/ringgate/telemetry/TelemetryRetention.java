package dev.ringgate.telemetry;

import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import dev.ringgate.store.TimeSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the store from growing without end: telemetry events older than the retention period, and
 * the per-device rows of rollouts that ended (completed, superseded, halted or rolled back) longer
 * ago than that, are deleted in small chunks once an hour. Rollout history and audit stay.
 */
@ApplicationScoped
public class TelemetryRetention {
  private static final Logger LOG = Logger.getLogger(TelemetryRetention.class);
  static final int CHUNK = 10_000;

  private final Store store;
  private final TimeSource time;
  private final Config config;
  private ScheduledExecutorService executor;

  /** Telemetry settings ({@code ringgate.telemetry.*}). */
  @ConfigMapping(prefix = "ringgate.telemetry")
  public interface Config {
    /** How long telemetry events, and the device rows of ended rollouts, are kept. */
    @WithDefault("30d")
    Duration retention();

    /** How often old rows are deleted. */
    @WithDefault("1h")
    Duration retentionInterval();
  }

  TelemetryRetention(Store store, TimeSource time, Config config) {
    this.store = store;
    this.time = time;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    long millis = Math.max(1_000, config.retentionInterval().toMillis());
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "ringgate-telemetry-retention");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(this::purgeQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private void purgeQuietly() {
    try {
      long deleted = purge();
      if (deleted > 0) {
        LOG.infof("retention: %d old telemetry rows deleted", deleted);
      }
    } catch (RuntimeException e) {
      LOG.warnf("retention skipped: %s", e.getMessage());
    }
  }

  /** Deletes what is older than the retention period; returns how many rows. */
  public long purge() {
    Instant cutoff = time.now().minus(config.retention());
    long total = 0;
    int deleted;
    do {
      deleted =
          store.inTransaction(
              c ->
                  Sql.update(
                      c,
                      "DELETE FROM telemetry_events WHERE id IN (SELECT id FROM telemetry_events"
                          + " WHERE received_at < ? ORDER BY id LIMIT "
                          + CHUNK
                          + ")",
                      cutoff));
      total += deleted;
    } while (deleted == CHUNK);
    total +=
        store.inTransaction(
            c ->
                Sql.update(
                    c,
                    "DELETE FROM rollout_devices WHERE rollout_id IN (SELECT id FROM rollouts WHERE"
                        + " state IN ('COMPLETED', 'SUPERSEDED', 'HALTED', 'ROLLED_BACK') AND"
                        + " updated_at < ?)",
                    cutoff));
    return total;
  }
}
