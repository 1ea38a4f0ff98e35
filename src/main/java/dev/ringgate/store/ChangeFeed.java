package dev.ringgate.store;

import dev.ringgate.kernel.BackgroundLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * How replicas learn of each other's changes. Every transaction that changes state another replica
 * caches bumps one counter ({@link #bump}); the replica that committed announces the change at once
 * ({@link #committed}), and every replica polls the counter and announces what it had not seen.
 * Observers of {@link StateChanged} rebuild their in-memory views.
 */
@ApplicationScoped
public class ChangeFeed {
  private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

  private final Store store;
  private final StoreConfig config;
  private final Event<StateChanged> changed;
  private final AtomicLong seen = new AtomicLong(-1);
  private BackgroundLoop poller;

  ChangeFeed(Store store, StoreConfig config, Event<StateChanged> changed) {
    this.store = store;
    this.config = config;
    this.changed = changed;
  }

  /** Counts a change in {@code c}'s transaction. */
  public void bump(Connection c) throws SQLException {
    Sql.update(c, "UPDATE state_version SET version = version + 1 WHERE id = 1");
  }

  /** Announces a change this replica has just committed. */
  public void committed() {
    try {
      announce(store.read(ChangeFeed::version), true);
    } catch (RuntimeException e) {
      // The change is committed; the next poll announces it again.
      LOG.warnf(
          "views not yet rebuilt after a change, retrying on the next poll: %s", e.getMessage());
    }
  }

  /**
   * Catches this replica's views up with the store now instead of at the next poll, for a caller
   * about to refuse something a view does not know (a tenant or product another replica created a
   * moment ago). Throws when the store cannot be read or a view cannot be rebuilt.
   */
  public void catchUp() {
    announce(store.read(ChangeFeed::version), false);
  }

  /**
   * Fires the change to the observers. The version counts as seen only once every observer has
   * rebuilt its view, so that a view that failed to rebuild is retried by the next poll.
   */
  private void announce(long version, boolean local) {
    if (version <= seen.get()) {
      return;
    }
    changed.fire(new StateChanged(version, local));
    seen.accumulateAndGet(version, Math::max);
  }

  void start(@Observes StartupEvent event) {
    seen.set(store.read(ChangeFeed::version));
    Duration interval = BackgroundLoop.atLeast(config.changePollInterval(), Duration.ofMillis(50));
    poller = BackgroundLoop.start("ringgate-change-feed", interval, this::poll);
  }

  void stop(@Observes ShutdownEvent event) {
    BackgroundLoop.stop(poller);
  }

  private void poll() {
    try {
      announce(store.read(ChangeFeed::version), false);
    } catch (RuntimeException e) {
      LOG.warnf("change poll failed, retrying: %s", e.getMessage());
    }
  }

  /** The store's state version as of {@code c}'s transaction. */
  public static long version(Connection c) throws SQLException {
    return Sql.one(c, "SELECT version FROM state_version WHERE id = 1", row -> row.getLong(1))
        .orElse(0L);
  }
}
