package dev.ringgate.policy;

import dev.ringgate.events.EventRecorder;
import dev.ringgate.kernel.Actor;
import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.kernel.Ids;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.kernel.WriteBehind;
import dev.ringgate.policy.ApprovalEvents.ApprovalRequested;
import dev.ringgate.store.Store;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates an approval the first time a rollout has something to offer a tenant (group) whose policy
 * needs one. The check-in only notes the need in memory; a flusher writes it, once, as a PENDING
 * approval, so the check-in path never waits for the store.
 */
@Singleton
public class ApprovalRequests {
  /** The actor that creates approvals. */
  public static final Actor ACTOR = new Actor(Actor.Type.SYSTEM, "approvals");

  private static final Logger LOG = Logger.getLogger(ApprovalRequests.class);

  private final Store store;
  private final ApprovalStore approvals;
  private final EventRecorder events;
  private final TimeSource time;
  private final Duration flushInterval;
  private final Set<String> noted = ConcurrentHashMap.newKeySet();
  private final WriteBehind<Request> pending = new WriteBehind<>();
  private BackgroundLoop flusher;

  ApprovalRequests(
      Store store,
      ApprovalStore approvals,
      EventRecorder events,
      TimeSource time,
      // the check-in's write-behind interval (CheckinConfig.flushInterval): approvals are noted on
      // the check-in path and written at the same pace
      @ConfigProperty(name = "ringgate.checkin.flush-interval", defaultValue = "1s")
          Duration flushInterval) {
    this.store = store;
    this.approvals = approvals;
    this.events = events;
    this.time = time;
    this.flushInterval = flushInterval;
  }

  private record Request(
      String tenantId, String productId, String releaseId, String rolloutId, String group) {}

  /** Notes that the tenant (group) waits for an approval of the release; cheap and idempotent. */
  public void request(String tenantId, String productId, String rolloutId, String approvalKey) {
    if (!noted.add(tenantId + "|" + approvalKey)) {
      return;
    }
    int slash = approvalKey.indexOf('/');
    String releaseId = slash < 0 ? approvalKey : approvalKey.substring(0, slash);
    String group = slash < 0 ? "" : approvalKey.substring(slash + 1);
    pending.add(new Request(tenantId, productId, releaseId, rolloutId, group));
  }

  void start(@Observes StartupEvent event) {
    Duration interval = BackgroundLoop.atLeast(flushInterval, Duration.ofMillis(50));
    flusher = BackgroundLoop.start("ringgate-approval-requests", interval, this::flush);
  }

  void stop(@Observes ShutdownEvent event) {
    BackgroundLoop.stop(flusher);
  }

  /** Writes every noted request not yet in the store, each in its own transaction. */
  public void flush() {
    try {
      pending.flush(1, batch -> write(batch.get(0)));
    } catch (RuntimeException e) {
      LOG.warnf("approval request not written yet, will retry: %s", e.getMessage());
    }
  }

  private void write(Request r) {
    store.inTransaction(
        c -> {
          if (!approvals.exists(c, r.tenantId(), r.releaseId(), r.group())) {
            String id = Ids.next("apv");
            approvals.insert(
                c,
                id,
                r.tenantId(),
                r.productId(),
                r.releaseId(),
                r.rolloutId(),
                r.group(),
                time.now());
            events.record(
                c,
                ACTOR,
                "the rollout reached this fleet",
                new ApprovalRequested(
                    id,
                    r.tenantId(),
                    r.productId(),
                    r.releaseId(),
                    r.rolloutId(),
                    r.group().isEmpty() ? null : r.group()));
          }
          return null;
        });
  }
}
