package dev.ringgate.kafka;

import dev.ringgate.kernel.Violation;
import dev.ringgate.security.ApiKeyRegistry;
import dev.ringgate.store.Store;
import dev.ringgate.telemetry.TelemetryEvent;
import dev.ringgate.telemetry.TelemetryIngest;
import dev.ringgate.telemetry.api.TelemetryEventRequest;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Telemetry from Kafka ({@code ringgate.telemetry.v1}, key = device id, value = one event with its
 * {@code tenantId}). Every replica joins one consumer group and takes its share of the partitions;
 * a device always lands on the same partition.
 *
 * <p>Each poll is stored in one transaction together with the partitions' next offsets (table
 * {@code kafka_offsets}); on assignment the consumer seeks to those stored offsets. So a record's
 * effects and its position commit together: after a crash or a rebalance nothing is stored twice
 * and nothing is skipped. Offsets are also committed to Kafka afterwards, for lag monitoring only.
 * Malformed records go to the dead-letter topic with the reason in the {@code ringgate.error}
 * header, acknowledged by the broker before their offsets are stored.
 */
@ApplicationScoped
public class TelemetryConsumer {
  private static final Logger LOG = Logger.getLogger(TelemetryConsumer.class);
  static final String ERROR_HEADER = "ringgate.error";
  static final String SOURCE_HEADER = "ringgate.source";

  private final KafkaClients clients;
  private final TelemetryIngest ingest;
  private final ApiKeyRegistry tenants;
  private final Store store;
  private final Counter stored;
  private final Counter deadLettered;
  private final java.util.concurrent.ExecutorService workers;
  private volatile Thread thread;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean running;
  private volatile boolean healthy = true;
  private final java.util.Set<TopicPartition> unpositioned =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  TelemetryConsumer(
      KafkaClients clients,
      TelemetryIngest ingest,
      ApiKeyRegistry tenants,
      Store store,
      MeterRegistry meters) {
    this.clients = clients;
    this.ingest = ingest;
    this.tenants = tenants;
    this.store = store;
    this.workers =
        java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, clients.settings().storeThreads()),
            r -> {
              Thread t = new Thread(r, "ringgate-telemetry-store");
              t.setDaemon(true);
              return t;
            });
    this.stored =
        Counter.builder("ringgate.telemetry.kafka.records")
            .tag("result", "stored")
            .description("Telemetry records consumed from Kafka")
            .register(meters);
    this.deadLettered =
        Counter.builder("ringgate.telemetry.kafka.records")
            .tag("result", "dead-lettered")
            .description("Telemetry records consumed from Kafka")
            .register(meters);
  }

  void onStart(@Observes StartupEvent event) {
    if (clients.configured()) {
      start();
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  /** Whether the last poll loop iteration reached the broker and the store. */
  public boolean isHealthy() {
    return !running || healthy;
  }

  /** Joins the group and starts consuming (also after {@link #stop}). */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "ringgate-telemetry-consumer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Leaves the group; what was stored stays stored, and the next start resumes after it. */
  public synchronized void stop() {
    running = false;
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    Thread t = thread;
    if (t != null) {
      try {
        t.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    thread = null;
  }

  private void run() {
    KafkaSettings settings = clients.settings();
    try (KafkaConsumer<byte[], byte[]> kafka = clients.consumer();
        KafkaProducer<String, byte[]> deadLetters = clients.producer("ringgate-telemetry-dlq")) {
      consumer = kafka;
      kafka.subscribe(List.of(settings.telemetryTopic()), new SeekToStored(kafka));
      while (running) {
        if (!unpositioned.isEmpty() && !position(kafka, List.copyOf(unpositioned))) {
          pause(1_000);
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = kafka.poll(Duration.ofMillis(500));
        } catch (WakeupException e) {
          break;
        } catch (RuntimeException e) {
          // the broker refused or went away: keep trying, readiness says so meanwhile
          healthy = false;
          LOG.warnf("telemetry poll failed, will retry: %s", e.getMessage());
          pause(1_000);
          continue;
        }
        if (records.isEmpty()) {
          healthy = true;
          continue;
        }
        try {
          Map<TopicPartition, OffsetAndMetadata> next = handle(records, deadLetters);
          healthy = true;
          commitToKafka(kafka, next);
        } catch (RuntimeException e) {
          healthy = false;
          LOG.warnf("telemetry from Kafka not stored, will retry: %s", e.getMessage());
          rewind(kafka, records);
          pause(1_000);
        }
      }
    } catch (WakeupException e) {
      // stopping
    } catch (RuntimeException e) {
      LOG.errorf(e, "telemetry consumer stopped");
      healthy = false;
    } finally {
      consumer = null;
    }
  }

  /**
   * Stores one poll, each partition's records in a transaction of its own, in parallel (a device
   * always lands on the same partition, so they touch different rows): valid events with their
   * effects and the partition's next offset, malformed ones to the DLQ first. Throws when any
   * partition failed; the caller then re-reads from the stored offsets.
   */
  private Map<TopicPartition, OffsetAndMetadata> handle(
      ConsumerRecords<byte[], byte[]> records, KafkaProducer<String, byte[]> deadLetters) {
    Map<TopicPartition, Future<OffsetAndMetadata>> work = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> part = records.records(partition);
      work.put(partition, workers.submit(() -> handle(partition, part, deadLetters)));
    }
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    RuntimeException failure = null;
    for (Map.Entry<TopicPartition, Future<OffsetAndMetadata>> e : work.entrySet()) {
      try {
        next.put(e.getKey(), e.getValue().get());
      } catch (ExecutionException ex) {
        failure =
            ex.getCause() instanceof RuntimeException r
                ? r
                : new IllegalStateException(ex.getCause());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        failure = new IllegalStateException("interrupted", ex);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return next;
  }

  private OffsetAndMetadata handle(
      TopicPartition partition,
      List<ConsumerRecord<byte[], byte[]>> part,
      KafkaProducer<String, byte[]> deadLetters) {
    List<TelemetryEvent> events = new ArrayList<>(part.size());
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : part) {
      String problem = parse(record, events);
      if (problem != null) {
        sent.add(deadLetter(deadLetters, record, problem));
      }
    }
    clients.awaitAcks(sent, clients.settings().deadLetterTopic());
    OffsetAndMetadata next = new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1);
    ingest.accept(events, "kafka", c -> storeOffsets(c, Map.of(partition, next)));
    stored.increment(events.size());
    deadLettered.increment(sent.size());
    return next;
  }

  /** Adds the record's event to {@code events}, or returns why it cannot be stored. */
  private String parse(ConsumerRecord<byte[], byte[]> record, List<TelemetryEvent> events) {
    if (record.value() == null) {
      return "empty record";
    }
    TelemetryRecords.Parsed parsed = TelemetryRecords.parse(record.value());
    List<String> problems = new ArrayList<>(parsed.problems());
    TelemetryEventRequest request = parsed.event();
    if (request == null) {
      return problems.stream().sorted().collect(Collectors.joining("; "));
    }
    if (request.tenantId() == null || !tenants.tenantExists(request.tenantId())) {
      problems.add("tenantId is not a known tenant");
    } else if (problems.isEmpty()) {
      for (Violation v : ingest.check(request.tenantId(), request, "")) {
        problems.add(v.field() + " " + v.message());
      }
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (problems.isEmpty() && key != null && !key.equals(request.deviceId())) {
      problems.add("key '" + key + "' is not the event's deviceId");
    }
    if (!problems.isEmpty()) {
      return problems.stream().sorted().collect(Collectors.joining("; "));
    }
    events.add(TelemetryIngest.event(request.tenantId(), request));
    return null;
  }

  private Future<RecordMetadata> deadLetter(
      KafkaProducer<String, byte[]> producer, ConsumerRecord<byte[], byte[]> record, String why) {
    ProducerRecord<String, byte[]> out =
        new ProducerRecord<>(
            clients.settings().deadLetterTopic(),
            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
            record.value());
    out.headers().add(ERROR_HEADER, why.getBytes(StandardCharsets.UTF_8));
    out.headers()
        .add(
            SOURCE_HEADER,
            (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
    return producer.send(out);
  }

  private Void storeOffsets(Connection c, Map<TopicPartition, OffsetAndMetadata> next)
      throws SQLException {
    String group = clients.settings().groupId();
    String sql =
        store.isPostgres()
            ? "INSERT INTO kafka_offsets (group_id, topic, partition_no, next_offset) VALUES (?, ?,"
                + " ?, ?) ON CONFLICT (group_id, topic, partition_no) DO UPDATE SET next_offset ="
                + " EXCLUDED.next_offset"
            : "MERGE INTO kafka_offsets (group_id, topic, partition_no, next_offset) KEY (group_id,"
                + " topic, partition_no) VALUES (?, ?, ?, ?)";
    try (PreparedStatement upsert = c.prepareStatement(sql)) {
      for (Map.Entry<TopicPartition, OffsetAndMetadata> e : next.entrySet()) {
        upsert.setString(1, group);
        upsert.setString(2, e.getKey().topic());
        upsert.setInt(3, e.getKey().partition());
        upsert.setLong(4, e.getValue().offset());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
    return null;
  }

  private Map<Integer, Long> storedOffsets(String topic) {
    return store.read(
        c -> {
          Map<Integer, Long> offsets = new HashMap<>();
          for (long[] row :
              dev.ringgate.store.Sql.list(
                  c,
                  "SELECT partition_no, next_offset FROM kafka_offsets WHERE group_id = ? AND"
                      + " topic = ?",
                  r -> new long[] {r.getInt(1), r.getLong(2)},
                  clients.settings().groupId(),
                  topic)) {
            offsets.put((int) row[0], row[1]);
          }
          return offsets;
        });
  }

  private static void commitToKafka(
      KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> next) {
    try {
      kafka.commitAsync(next, null);
    } catch (RuntimeException e) {
      LOG.debugf("Kafka offset commit skipped (the store has them): %s", e.getMessage());
    }
  }

  /**
   * After a failed poll, reads again from where the store says each partition stands (partitions
   * that were stored are not read twice), or from the poll's first record where the store has no
   * position yet; while the store cannot say, the partitions are paused.
   */
  private void rewind(
      KafkaConsumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records) {
    try {
      Map<Integer, Long> stored = storedOffsets(clients.settings().telemetryTopic());
      for (TopicPartition partition : records.partitions()) {
        if (!kafka.assignment().contains(partition)) {
          continue;
        }
        Long offset = stored.get(partition.partition());
        kafka.seek(partition, offset != null ? offset : records.records(partition).get(0).offset());
      }
    } catch (RuntimeException e) {
      List<TopicPartition> partitions =
          records.partitions().stream().filter(kafka.assignment()::contains).toList();
      kafka.pause(partitions);
      unpositioned.addAll(partitions);
    }
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Seeks the partitions to their stored offsets. While the store cannot say, they are paused
   * (never read from Kafka's own offsets, which may lag the store's) and retried by the loop.
   */
  private boolean position(KafkaConsumer<byte[], byte[]> kafka, Collection<TopicPartition> parts) {
    try {
      Map<String, Map<Integer, Long>> byTopic = new HashMap<>();
      for (TopicPartition partition : parts) {
        Long offset =
            byTopic
                .computeIfAbsent(partition.topic(), this::storedOffsets)
                .get(partition.partition());
        if (offset != null) {
          kafka.seek(partition, offset);
        }
      }
      kafka.resume(parts);
      unpositioned.removeAll(parts);
      return true;
    } catch (RuntimeException e) {
      LOG.warnf("stored Kafka offsets unreadable, partitions paused: %s", e.getMessage());
      kafka.pause(parts);
      unpositioned.addAll(parts);
      healthy = false;
      return false;
    }
  }

  /** On assignment, resumes each partition after the last record whose effects were stored. */
  private final class SeekToStored implements ConsumerRebalanceListener {
    private final KafkaConsumer<byte[], byte[]> kafka;

    SeekToStored(KafkaConsumer<byte[], byte[]> kafka) {
      this.kafka = kafka;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // offsets are stored with each poll's effects: nothing to save
      unpositioned.removeAll(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      LOG.debugf("telemetry partitions assigned: %s", Objects.toString(partitions));
      position(kafka, partitions);
    }
  }
}
