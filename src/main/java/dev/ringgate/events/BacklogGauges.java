package dev.ringgate.events;

import dev.ringgate.kernel.BackgroundLoop;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The backlog of one way out of the outbox ({@code sink}: {@code kafka}, {@code webhooks}), as
 * gauges: {@code ringgate_outbox_pending{sink}} events (or deliveries) waiting, and {@code
 * ringgate_outbox_oldest_age_seconds{sink}} the age of the oldest. The owner reads the figures in
 * the background and hands them over with {@link #update}; a scrape reads two fields.
 */
public final class BacklogGauges {
  private static final Logger LOG = Logger.getLogger(BacklogGauges.class);
  private volatile long pending;
  private volatile Instant oldest;

  private BacklogGauges() {}

  /**
   * Registers the gauges of {@code sink}; they read 0 until the first {@link #update}. Every sink
   * shares the names and descriptions (Prometheus keeps one description per name).
   */
  public static BacklogGauges register(MeterRegistry meters, String sink) {
    BacklogGauges gauges = new BacklogGauges();
    Gauge.builder("ringgate.outbox.pending", gauges, g -> g.pending)
        .tag("sink", sink)
        .description("Events (Kafka) or deliveries (webhooks) waiting in the outbox, by sink")
        .register(meters);
    Gauge.builder("ringgate.outbox.oldest.age", gauges, BacklogGauges::oldestAgeSeconds)
        .tag("sink", sink)
        .baseUnit("seconds")
        .description("Age of the oldest event or delivery waiting, by sink; 0 when none waits")
        .register(meters);
    return gauges;
  }

  /**
   * Registers the gauges of {@code sink} and starts reading them with {@code read} every {@code
   * interval} on a background thread; a read that fails leaves the last figures.
   */
  public static BackgroundLoop watch(
      MeterRegistry meters, String sink, Duration interval, Supplier<Backlog> read) {
    BacklogGauges gauges = register(meters, sink);
    return BackgroundLoop.start(
        "ringgate-backlog-" + sink,
        BackgroundLoop.atLeast(interval, Duration.ofMillis(100)),
        () -> {
          try {
            gauges.update(read.get());
          } catch (RuntimeException e) {
            LOG.debugf("%s backlog not read: %s", sink, e.getMessage());
          }
        });
  }

  /** The backlog as just read: {@code count} waiting, the oldest created at {@code oldest}. */
  public void update(Backlog backlog) {
    this.pending = backlog.count();
    this.oldest = backlog.oldest();
  }

  private double oldestAgeSeconds() {
    Instant at = oldest;
    return at == null ? 0 : Math.max(0, System.currentTimeMillis() - at.toEpochMilli()) / 1000.0;
  }

  /** How many wait, and when the oldest of them was created (null when none). */
  public record Backlog(long count, Instant oldest) {}
}
