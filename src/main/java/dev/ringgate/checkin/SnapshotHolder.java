package dev.ringgate.checkin;

import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.store.ChangeFeed;
import dev.ringgate.store.StateChanged;
import dev.ringgate.store.Store;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The current check-in snapshot. Rebuilt after every change this replica commits (before the
 * change's answer is sent) and whenever the change feed reports another replica's; swapped in
 * atomically. If the store cannot be read, the last snapshot stays (fail-static).
 */
@Singleton
public class SnapshotHolder {
  private static final Logger LOG = Logger.getLogger(SnapshotHolder.class);

  private final Store store;
  private final SnapshotBuilder builder;
  private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.EMPTY);

  SnapshotHolder(Store store, SnapshotBuilder builder) {
    this.store = store;
    this.builder = builder;
  }

  public Snapshot current() {
    return current.get();
  }

  void onStart(@Observes @Priority(20) StartupEvent event) {
    rebuild();
  }

  void onChange(@Observes StateChanged change) {
    if (change.version() > current.get().storeVersion() && !rebuild()) {
      throw new IllegalStateException("check-in snapshot not rebuilt; the change feed retries");
    }
  }

  /**
   * Builds a snapshot of the store as it is now and swaps it in, unless a newer one won. Returns
   * false, keeping the last snapshot, when the store cannot be read.
   */
  public synchronized boolean rebuild() {
    try {
      Snapshot next =
          store.read(
              c -> {
                return builder.build(c, ChangeFeed.version(c));
              });
      current.updateAndGet(old -> next.storeVersion() >= old.storeVersion() ? next : old);
      return true;
    } catch (RuntimeException e) {
      LOG.warnf("check-in snapshot not rebuilt, keeping the last one: %s", e.getMessage());
      return false;
    }
  }
}
