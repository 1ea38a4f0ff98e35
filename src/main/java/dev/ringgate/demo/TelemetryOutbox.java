package dev.ringgate.demo;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;

/**
 * The simulated agents' telemetry, sent in batches per tenant (with that tenant's device key), as
 * an agent's upload pipeline would: one request a second per tenant instead of one per event.
 */
final class TelemetryOutbox {
  private static final Logger LOG = Logger.getLogger(TelemetryOutbox.class);
  private static final int MAX_BATCH = 1000;

  private final DemoApi api;
  private final DemoWorld world;
  private final Map<String, Queue<Map<String, Object>>> queues = new ConcurrentHashMap<>();
  private boolean warned;

  TelemetryOutbox(DemoApi api, DemoWorld world) {
    this.api = api;
    this.world = world;
  }

  /** Queues one event of {@code device} on {@code version}. */
  void add(SimulatedDevice device, String version, String type) {
    queues
        .computeIfAbsent(device.tenantId(), t -> new ConcurrentLinkedQueue<>())
        .add(
            Map.of(
                "deviceId", device.id(),
                "productId", world.productId(),
                "version", version,
                "type", type,
                "at", Instant.now().toString()));
  }

  /** Sends what is queued, tenant by tenant, at most {@value #MAX_BATCH} events a request. */
  void flush() {
    queues.forEach(
        (tenant, queue) -> {
          while (!queue.isEmpty()) {
            List<Map<String, Object>> batch = new ArrayList<>();
            Map<String, Object> event;
            while (batch.size() < MAX_BATCH && (event = queue.poll()) != null) {
              batch.add(event);
            }
            send(tenant, batch);
          }
        });
  }

  private void send(String tenant, List<Map<String, Object>> batch) {
    try {
      DemoApi.Reply reply =
          api.post(world.deviceKeys().get(tenant), "/api/v1/telemetry", Map.of("events", batch));
      if (!reply.is(202)) {
        warnOnce("telemetry of " + tenant + " refused: HTTP " + reply.status());
      }
    } catch (UncheckedIOException e) {
      // the service is stopping, or too busy to answer in time: these events are lost
      LOG.debugf("Demo: telemetry of %s not sent: %s", tenant, e.getMessage());
    } catch (RuntimeException e) {
      warnOnce("telemetry of " + tenant + " not sent: " + e.getMessage());
    }
  }

  private void warnOnce(String message) {
    if (!warned) {
      warned = true;
      LOG.warnf("Demo: %s (further failures are logged at DEBUG)", message);
    } else {
      LOG.debugf("Demo: %s", message);
    }
  }
}
