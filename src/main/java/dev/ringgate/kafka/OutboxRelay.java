package dev.ringgate.kafka;

import dev.ringgate.events.OutboxStore;
import dev.ringgate.events.OutboxStore.Pending;
import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Relays the outbox to {@code ringgate.rollout-events.v1} (key = rollout id): rows in id order,
 * sent, acknowledged by the broker, then marked published, all while the relay's lock row is held,
 * so one replica relays at a time. A process that dies after sending and before marking sends the
 * same events again (at least once; consumers deduplicate by {@code id}). Events of one rollout are
 * written under its row lock, so their id order is their commit order, and one key keeps them on
 * one partition, in order.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  static final int BATCH = 500;

  private final KafkaClients clients;
  private final Store store;
  private final OutboxStore outbox;
  private final TimeSource time;
  private final Counter relayed;
  private KafkaProducer<String, byte[]> producer;
  private BackgroundLoop loop;
  private volatile boolean healthy = true;

  OutboxRelay(
      KafkaClients clients,
      Store store,
      OutboxStore outbox,
      TimeSource time,
      MeterRegistry meters) {
    this.clients = clients;
    this.store = store;
    this.outbox = outbox;
    this.time = time;
    this.relayed =
        Counter.builder("ringgate.outbox.relayed")
            .description("Rollout events relayed from the outbox to Kafka")
            .register(meters);
  }

  void start(@Observes StartupEvent event) {
    if (!clients.configured()) {
      return;
    }
    producer = clients.producer("ringgate-outbox-relay");
    Duration interval =
        BackgroundLoop.atLeast(clients.settings().relayInterval(), Duration.ofMillis(20));
    loop = BackgroundLoop.start("ringgate-outbox-relay", interval, this::relayQuietly);
  }

  void stop(@Observes ShutdownEvent event) {
    BackgroundLoop.stop(loop);
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }

  /** Whether the last relay reached the broker and the store. */
  public boolean isHealthy() {
    return healthy;
  }

  private void relayQuietly() {
    try {
      while (relayOnce() == BATCH) {
        // more waiting
      }
      healthy = true;
    } catch (RuntimeException e) {
      healthy = false;
      LOG.warnf("outbox relay failed, will retry: %s", e.getMessage());
    }
  }

  /** Relays one batch; returns how many events it sent. */
  int relayOnce() {
    return store.inTransaction(
        c -> {
          List<Pending> rows = outbox.lockAndTake(c, BATCH);
          if (rows.isEmpty()) {
            return 0;
          }
          List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
          for (Pending row : rows) {
            sent.add(
                producer.send(
                    new ProducerRecord<>(
                        clients.settings().eventsTopic(),
                        row.key(),
                        row.payload().getBytes(StandardCharsets.UTF_8))));
          }
          clients.awaitAcks(sent, clients.settings().eventsTopic());
          outbox.markPublished(c, rows, time.now());
          relayed.increment(rows.size());
          return rows.size();
        });
  }
}
