package dev.ringgate.store;

import dev.ringgate.kernel.BackgroundLoop;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Probes the store in the background ({@code ringgate.store.metrics-refresh}) for the fail-static
 * gauges: {@code ringgate_store_fail_static} is 1 while the store cannot be reached (check-ins are
 * answered from the last snapshot, writes get 503), and {@code ringgate_store_unreachable_seconds}
 * says for how long. A scrape reads two fields.
 */
@ApplicationScoped
public class StoreProbe {
  private final Store store;
  private final StoreConfig config;
  private volatile long unreachableSince;
  private BackgroundLoop loop;

  StoreProbe(Store store, StoreConfig config, MeterRegistry meters) {
    this.store = store;
    this.config = config;
    Gauge.builder("ringgate.store.fail.static", this, p -> p.unreachableSince == 0 ? 0 : 1)
        .description(
            "1 while the store is unreachable: check-ins are answered from the last snapshot and"
                + " writes are refused with 503")
        .register(meters);
    Gauge.builder("ringgate.store.unreachable", this, StoreProbe::unreachableSeconds)
        .baseUnit("seconds")
        .description("Seconds since the store became unreachable; 0 while it is reachable")
        .register(meters);
  }

  void start(@Observes StartupEvent event) {
    Duration interval = BackgroundLoop.atLeast(config.metricsRefresh(), Duration.ofMillis(100));
    loop = BackgroundLoop.start("ringgate-store-probe", interval, this::probe);
  }

  void stop(@Observes ShutdownEvent event) {
    BackgroundLoop.stop(loop);
  }

  /** Whether the last probe found the store unreachable. */
  public boolean isFailStatic() {
    return unreachableSince != 0;
  }

  void probe() {
    if (store.isReachable(2)) {
      unreachableSince = 0;
    } else if (unreachableSince == 0) {
      unreachableSince = System.currentTimeMillis();
    }
  }

  private double unreachableSeconds() {
    long since = unreachableSince;
    return since == 0 ? 0 : (System.currentTimeMillis() - since) / 1000.0;
  }
}
