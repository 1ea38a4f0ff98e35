package dev.ringgate.telemetry;

import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.store.Store;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
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
  private BackgroundLoop loop;

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
    Duration interval = BackgroundLoop.atLeast(config.retentionInterval(), Duration.ofSeconds(1));
    loop = BackgroundLoop.start("ringgate-telemetry-retention", interval, this::purgeQuietly);
  }

  void stop(@Observes ShutdownEvent event) {
    BackgroundLoop.stop(loop);
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
    long below = store.read(c -> TelemetryStore.firstKeptId(c, cutoff));
    long total = 0;
    int deleted;
    do {
      deleted = store.inTransaction(c -> TelemetryStore.deleteEvents(c, below, cutoff, CHUNK));
      total += deleted;
    } while (deleted == CHUNK);
    total += store.inTransaction(c -> TelemetryStore.deleteFailures(c, cutoff));
    total += store.inTransaction(c -> TelemetryStore.deleteEndedCohorts(c, cutoff));
    return total;
  }
}
