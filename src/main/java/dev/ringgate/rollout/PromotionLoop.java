package dev.ringgate.rollout;

import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.store.Store;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Re-evaluates every rollout in progress at a fixed interval: promotes AUTO rings whose gate
 * passes, completes rollouts after their final ring, and halts those whose gate says HALT. Each
 * step locks its rollout's row, so with several replicas only one moves a given rollout.
 */
@ApplicationScoped
public class PromotionLoop {
  private static final Logger LOG = Logger.getLogger(PromotionLoop.class);

  private final Store store;
  private final RolloutStore rollouts;
  private final RolloutActions actions;
  private final Config config;
  private final GateMetrics gates;
  private BackgroundLoop loop;

  PromotionLoop(
      Store store,
      RolloutStore rollouts,
      RolloutActions actions,
      Config config,
      GateMetrics gates) {
    this.store = store;
    this.gates = gates;
    this.rollouts = rollouts;
    this.actions = actions;
    this.config = config;
  }

  /** Rollout engine settings ({@code ringgate.rollout.*}). */
  @ConfigMapping(prefix = "ringgate.rollout")
  public interface Config {
    /** How often rollouts in progress are re-evaluated (gates are also re-evaluated on demand). */
    @WithDefault("5s")
    Duration promotionInterval();
  }

  void start(@Observes StartupEvent event) {
    Duration interval = BackgroundLoop.atLeast(config.promotionInterval(), Duration.ofMillis(100));
    loop = BackgroundLoop.start("ringgate-promotion-loop", interval, this::runOnce);
  }

  void stop(@Observes ShutdownEvent event) {
    BackgroundLoop.stop(loop);
  }

  /** One pass over every rollout in progress. */
  public void runOnce() {
    List<String> ids;
    try {
      ids = store.read(rollouts::inProgress);
    } catch (RuntimeException e) {
      LOG.debugf("promotion loop skipped: %s", e.getMessage());
      return;
    }
    gates.watching(ids);
    for (String id : ids) {
      try {
        var done = actions.step(id);
        if (done != null) {
          LOG.infof("rollout %s: %s", id, done);
        }
      } catch (RuntimeException e) {
        LOG.warnf("promotion of rollout %s failed: %s", id, e.getMessage());
      }
    }
  }
}
