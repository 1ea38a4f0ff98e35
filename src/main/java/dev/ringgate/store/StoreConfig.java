package dev.ringgate.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Store settings ({@code ringgate.store.*}). */
@ConfigMapping(prefix = "ringgate.store")
public interface StoreConfig {
  /**
   * How often each replica polls the store's change counter, to learn of changes committed by other
   * replicas (API keys, rollouts, policies).
   */
  @WithDefault("250ms")
  Duration changePollInterval();

  /**
   * How often the metrics that come from the store (rollouts by state, outbox and webhook backlog)
   * are read again in the background, and the store probed for the fail-static gauges. A scrape
   * never queries the store.
   */
  @WithDefault("10s")
  Duration metricsRefresh();
}
