package dev.ringgate.kafka;

import dev.ringgate.events.BacklogGauges;
import dev.ringgate.events.OutboxStore;
import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.store.Store;
import dev.ringgate.store.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The Kafka relay's backlog ({@code ringgate_outbox_pending{sink="kafka"}} and the age of the
 * oldest event not yet relayed), read every {@code ringgate.store.metrics-refresh} when Kafka is
 * configured.
 */
@ApplicationScoped
public class OutboxLag {
  private final KafkaClients clients;
  private final Store store;
  private final OutboxStore outbox;
  private final StoreConfig config;
  private final MeterRegistry meters;
  private BackgroundLoop loop;

  OutboxLag(
      KafkaClients clients,
      Store store,
      OutboxStore outbox,
      StoreConfig config,
      MeterRegistry meters) {
    this.clients = clients;
    this.store = store;
    this.outbox = outbox;
    this.config = config;
    this.meters = meters;
  }

  void start(@Observes StartupEvent event) {
    if (clients.configured()) {
      loop =
          BacklogGauges.watch(
              meters, "kafka", config.metricsRefresh(), () -> store.read(outbox::kafkaBacklog));
    }
  }

  void stop(@Observes ShutdownEvent event) {
    BackgroundLoop.stop(loop);
  }
}
