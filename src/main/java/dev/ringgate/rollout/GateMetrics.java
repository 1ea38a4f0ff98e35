package dev.ringgate.rollout;

import dev.ringgate.health.domain.HaltCause;
import dev.ringgate.kernel.TimeSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the health gate does, as metrics: automatic halts by reason ({@code
 * ringgate_rollout_halts_total}) and how long ago the gate of the stalest watched rollout was last
 * evaluated on this replica ({@code ringgate_gate_verdict_age_seconds}). Kept in memory; a scrape
 * reads a map, never the store.
 */
@ApplicationScoped
public class GateMetrics {
  private final MeterRegistry meters;
  private final TimeSource time;

  /** Watched rollouts (in progress or paused): when their gate was last evaluated. */
  private final Map<String, Instant> evaluatedAt = new ConcurrentHashMap<>();

  /** Products whose halt counters are registered. */
  private final Set<String> countedProducts = ConcurrentHashMap.newKeySet();

  GateMetrics(MeterRegistry meters, TimeSource time) {
    this.meters = meters;
    this.time = time;
    Gauge.builder("ringgate.gate.verdict.age", this, GateMetrics::verdictAgeSeconds)
        .baseUnit("seconds")
        .description(
            "Seconds since the health gate of the stalest rollout in progress (or paused) was"
                + " last evaluated on this replica; 0 when none is watched")
        .register(meters);
    Gauge.builder("ringgate.gate.watched", evaluatedAt, Map::size)
        .description("Rollouts in progress or paused whose gates this replica watches")
        .register(meters);
  }

  /**
   * The rollouts whose gates are watched now; a rollout seen for the first time counts as just
   * evaluated, one no longer listed is forgotten.
   */
  void watching(Collection<String> rolloutIds) {
    Set<String> ids = Set.copyOf(rolloutIds);
    evaluatedAt.keySet().retainAll(ids);
    Instant now = time.now();
    for (String id : ids) {
      evaluatedAt.putIfAbsent(id, now);
    }
  }

  /**
   * The gate of {@code rolloutId} was just evaluated. The first time a product is seen its halt
   * counters are registered at 0, so that the first halt is an increase Prometheus can see.
   */
  void evaluated(String rolloutId, String productId) {
    evaluatedAt.put(rolloutId, time.now());
    if (countedProducts.add(productId)) {
      for (HaltCause cause : HaltCause.values()) {
        halts(productId, cause);
      }
    }
  }

  /** The health gate halted (or rolled back) a rollout of {@code productId}. */
  void halted(String productId, HaltCause cause) {
    halts(productId, cause).increment();
  }

  private Counter halts(String productId, HaltCause cause) {
    return Counter.builder("ringgate.rollout.halts")
        .description("Rollouts halted or rolled back by the health gate, by reason")
        .tag("product", productId)
        .tag("reason", cause.label())
        .register(meters);
  }

  double verdictAgeSeconds() {
    Instant now = time.now();
    long oldest = 0;
    for (Instant at : evaluatedAt.values()) {
      oldest = Math.max(oldest, Duration.between(at, now).toMillis());
    }
    return oldest / 1000.0;
  }
}
