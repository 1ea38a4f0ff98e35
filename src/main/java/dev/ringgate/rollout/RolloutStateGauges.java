package dev.ringgate.rollout;

import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.rollout.RolloutStore.StateCount;
import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.store.StateChanged;
import dev.ringgate.store.Store;
import dev.ringgate.store.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Rollouts per product and state ({@code ringgate_rollouts{product, state}}), read in the
 * background: soon after every change the change feed reports, and every {@code
 * ringgate.store.metrics-refresh} anyway. Every state of a product with rollouts has a series, 0
 * included, so that an alert sees a halted rollout go away.
 */
@ApplicationScoped
public class RolloutStateGauges {
  private static final Logger LOG = Logger.getLogger(RolloutStateGauges.class);
  private static final Duration TICK = Duration.ofMillis(200);

  private final Store store;
  private final RolloutStore rollouts;
  private final StoreConfig config;
  private final MultiGauge gauge;
  private volatile boolean dirty = true;
  private volatile long readAt;
  private BackgroundLoop loop;

  RolloutStateGauges(Store store, RolloutStore rollouts, StoreConfig config, MeterRegistry meters) {
    this.store = store;
    this.rollouts = rollouts;
    this.config = config;
    this.gauge =
        MultiGauge.builder("ringgate.rollouts")
            .description("Rollouts per product and state")
            .register(meters);
  }

  void start(@Observes StartupEvent event) {
    loop = BackgroundLoop.start("ringgate-rollout-gauges", TICK, this::refreshIfDue);
  }

  void stop(@Observes ShutdownEvent event) {
    BackgroundLoop.stop(loop);
  }

  void onChange(@Observes StateChanged change) {
    dirty = true;
  }

  private void refreshIfDue() {
    long now = System.currentTimeMillis();
    if (!dirty && now - readAt < config.metricsRefresh().toMillis()) {
      return;
    }
    dirty = false;
    try {
      publish(store.read(rollouts::countByState));
      readAt = now;
    } catch (RuntimeException e) {
      dirty = true;
      LOG.debugf("rollout gauges not refreshed: %s", e.getMessage());
    }
  }

  private void publish(List<StateCount> counts) {
    Map<String, Map<RolloutState, Long>> byProduct = new TreeMap<>();
    for (StateCount count : counts) {
      byProduct
          .computeIfAbsent(count.productId(), p -> new EnumMap<>(RolloutState.class))
          .put(count.state(), count.count());
    }
    List<Row<?>> rows = new ArrayList<>();
    byProduct.forEach(
        (product, states) -> {
          for (RolloutState state : RolloutState.values()) {
            rows.add(
                Row.of(
                    Tags.of("product", product, "state", state.name()),
                    states.getOrDefault(state, 0L)));
          }
        });
    gauge.register(rows, true);
  }
}
