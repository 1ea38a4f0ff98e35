package dev.ringgate.kafka;

import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
  private final TimeSource time;
  private final Counter relayed;
  private KafkaProducer<String, byte[]> producer;
  private BackgroundLoop loop;
  private volatile boolean healthy = true;

  OutboxRelay(KafkaClients clients, Store store, TimeSource time, MeterRegistry meters) {
    this.clients = clients;
    this.store = store;
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
          Sql.one(
              c,
              "SELECT name FROM relay_locks WHERE name = 'outbox' FOR UPDATE",
              r -> r.getString(1));
          List<Object[]> rows =
              Sql.list(
                  c,
                  "SELECT id, rollout_id, payload FROM outbox WHERE published_at IS NULL ORDER BY"
                      + " id LIMIT "
                      + BATCH,
                  r -> new Object[] {r.getLong(1), r.getString(2), r.getString(3)});
          if (rows.isEmpty()) {
            return 0;
          }
          List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
          for (Object[] row : rows) {
            sent.add(
                producer.send(
                    new ProducerRecord<>(
                        clients.settings().eventsTopic(),
                        (String) row[1],
                        ((String) row[2]).getBytes(StandardCharsets.UTF_8))));
          }
          clients.awaitAcks(sent, clients.settings().eventsTopic());
          markPublished(c, rows, time.now());
          relayed.increment(rows.size());
          return rows.size();
        });
  }

  private static void markPublished(Connection c, List<Object[]> rows, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE outbox SET published_at = ? WHERE id = ?")) {
      for (Object[] row : rows) {
        update.setObject(1, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
        update.setLong(2, (Long) row[0]);
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
