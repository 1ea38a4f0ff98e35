package dev.ringgate.telemetry;

import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
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

  /**
   * The first id received at or after {@code cutoff}: ids grow with the time of receipt (nearly:
   * PostgreSQL hands out cached blocks of ids per connection), so a binary search over the key
   * finds it without an index on the time. Events below it that were received before the cutoff are
   * deleted; a straggler received later stays until a later run.
   */
  static long firstKeptId(Connection c, Instant cutoff) throws SQLException {
    long[] range =
        Sql.one(
                c,
                "SELECT MIN(id), MAX(id) FROM telemetry_events",
                r -> new long[] {r.getLong(1), r.getLong(2)})
            .orElse(new long[] {0, 0});
    long low = range[0];
    long high = range[1] + 1;
    while (low < high) {
      long middle = low + (high - low) / 2;
      Instant at =
          Sql.one(
                  c,
                  "SELECT received_at FROM telemetry_events WHERE id >= ? ORDER BY id LIMIT 1",
                  r -> r.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                  middle)
              .orElse(Instant.MAX);
      if (at.isBefore(cutoff)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
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
    long below = store.read(c -> firstKeptId(c, cutoff));
    long total = 0;
    int deleted;
    do {
      deleted =
          store.inTransaction(
              c ->
                  Sql.update(
                      c,
                      "DELETE FROM telemetry_events WHERE id IN (SELECT id FROM telemetry_events"
                          + " WHERE id < ? AND received_at < ? ORDER BY id LIMIT "
                          + CHUNK
                          + ")",
                      below,
                      cutoff));
      total += deleted;
    } while (deleted == CHUNK);
    total +=
        store.inTransaction(
            c -> Sql.update(c, "DELETE FROM telemetry_failures WHERE received_at < ?", cutoff));
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
