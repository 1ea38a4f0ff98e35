package dev.ringgate.rollout;

import dev.ringgate.kernel.Threads;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Re-evaluates the gates of rollouts whose counts just changed, at once and off the caller's
 * thread: a crash report that tips a gate halts the rollout within milliseconds of its
 * acknowledgement, not at the next promotion pass. Requests for the same rollout that arrive while
 * it is being evaluated are coalesced into one more evaluation.
 */
@ApplicationScoped
public class GateTrigger {
  private static final Logger LOG = Logger.getLogger(GateTrigger.class);

  private final RolloutActions actions;

  /** The shortest time between two evaluations of a rollout for news that is not a failure. */
  static final long CALM_MILLIS = 2_000;

  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final java.util.Map<String, Long> evaluatedAt = new ConcurrentHashMap<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private ExecutorService executor;

  GateTrigger(RolloutActions actions) {
    this.actions = actions;
  }

  void start(@Observes StartupEvent event) {
    executor = Executors.newSingleThreadExecutor(Threads.daemon("ringgate-gate-trigger"));
  }

  void stop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  /**
   * Asks for the gates of these rollouts to be evaluated again: at once when {@code urgent} (new
   * failures), otherwise at most once per {@link #CALM_MILLIS} per rollout (new exposures and signs
   * of life, which arrive all the time during a big ring and are also seen by the promotion loop).
   */
  public void nudge(Collection<String> rolloutIds, boolean urgent) {
    if (rolloutIds.isEmpty() || executor == null) {
      return;
    }
    long now = System.currentTimeMillis();
    for (String id : rolloutIds) {
      Long last = evaluatedAt.get(id);
      if (urgent || last == null || now - last >= CALM_MILLIS) {
        pending.add(id);
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    if (scheduled.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    scheduled.set(false);
    for (String id : Set.copyOf(pending)) {
      pending.remove(id);
      evaluatedAt.put(id, System.currentTimeMillis());
      try {
        var done = actions.step(id);
        if (done != null) {
          LOG.infof("rollout %s: %s after new counts", id, done);
        }
      } catch (RuntimeException e) {
        LOG.debugf("gate of rollout %s not evaluated: %s", id, e.getMessage());
      }
    }
    if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }
}
