package dev.ringgate.console;

import dev.ringgate.store.StateChanged;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * What makes console pages live: every change the store's change feed announces (a halt committed
 * here at once, one committed by another replica within the change-poll interval) and a steady tick
 * for figures that move without a state change (telemetry). Subscribers render on worker threads,
 * never on the thread that committed the change.
 */
@ApplicationScoped
public class LiveChanges {
  static final Duration TICK = Duration.ofSeconds(2);

  private final BroadcastProcessor<Long> changes = BroadcastProcessor.create();

  void onChange(@Observes StateChanged change) {
    changes.onNext(change.version());
  }

  /** Emits on every change and every {@link #TICK}, on a worker thread. */
  public Multi<Long> signals() {
    Multi<Long> ticks = Multi.createFrom().ticks().every(TICK);
    return Multi.createBy()
        .merging()
        .streams(changes.onOverflow().drop(), ticks)
        .emitOn(Infrastructure.getDefaultWorkerPool());
  }
}
