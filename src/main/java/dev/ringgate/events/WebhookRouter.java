package dev.ringgate.events;

import dev.ringgate.events.WebhookStore.Unrouted;
import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.store.Store;
import dev.ringgate.store.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Routes outbox events to webhooks, whether Kafka is configured or not: every {@code
 * ringgate.webhooks.poll-interval}, under the routing lock (one replica at a time), each event not
 * yet routed gets one pending delivery per subscription that receives it, and is marked routed, in
 * one transaction. An event is routed once, and only to subscriptions that existed when it
 * happened.
 */
@ApplicationScoped
public class WebhookRouter {
  private static final Logger LOG = Logger.getLogger(WebhookRouter.class);
  static final int BATCH = 500;

  private final Store store;
  private final WebhookStore hooks;
  private final WebhookConfig config;
  private final TimeSource time;
  private BackgroundLoop loop;
  private BackgroundLoop backlog;

  WebhookRouter(Store store, WebhookStore hooks, WebhookConfig config, TimeSource time) {
    this.store = store;
    this.hooks = hooks;
    this.config = config;
    this.time = time;
  }

  void start(@Observes StartupEvent event, MeterRegistry meters, StoreConfig storeConfig) {
    Duration interval = BackgroundLoop.atLeast(config.pollInterval(), Duration.ofMillis(20));
    loop = BackgroundLoop.start("ringgate-webhook-router", interval, this::routeAll);
    backlog =
        BacklogGauges.watch(
            meters, "webhooks", storeConfig.metricsRefresh(), () -> store.read(hooks::backlog));
  }

  void stop(@Observes ShutdownEvent event) {
    BackgroundLoop.stop(loop);
    BackgroundLoop.stop(backlog);
  }

  private void routeAll() {
    try {
      while (routeOnce() == BATCH) {
        // more waiting
      }
    } catch (RuntimeException e) {
      LOG.debugf("webhook routing failed, will retry: %s", e.getMessage());
    }
  }

  /** Routes one batch; returns how many events it routed. */
  int routeOnce() {
    return store.inTransaction(
        c -> {
          List<Unrouted> events = hooks.lockAndTakeUnrouted(c, BATCH);
          if (events.isEmpty()) {
            return 0;
          }
          List<Webhook> subscriptions = hooks.active(c);
          Map<String, String> vendors =
              subscriptions.stream().anyMatch(h -> h.vendorId() != null)
                  ? hooks.productVendors(
                      c,
                      events.stream()
                          .map(Unrouted::productId)
                          .filter(Objects::nonNull)
                          .distinct()
                          .toList())
                  : Map.of();
          Instant now = time.now();
          for (Unrouted event : events) {
            for (Webhook hook : subscriptions) {
              boolean receives =
                  !event.at().isBefore(hook.createdAt())
                      && hook.receives(
                          event.type(),
                          event.productId(),
                          event.productId() == null ? null : vendors.get(event.productId()),
                          event.tenantId());
              if (receives) {
                hooks.addDelivery(c, hook.id(), event, now);
              }
            }
            hooks.markRouted(c, event.id(), now);
          }
          return events.size();
        });
  }
}
