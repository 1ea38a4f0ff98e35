package dev.ringgate.kafka;

import dev.ringgate.kernel.Threads;
import dev.ringgate.store.ChangeFeed;
import dev.ringgate.telemetry.TelemetryEvent;
import dev.ringgate.telemetry.TelemetryIngest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
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
 * {@code kafka_offsets}); on assignment the consumer seeks to those stored offsets ({@link
 * StoredPositions}). So a record's effects and its position commit together: after a crash or a
 * rebalance nothing is stored twice and nothing is skipped. Offsets are also committed to Kafka
 * afterwards, for lag monitoring only. Malformed records go to the dead-letter topic with the
 * reason in the {@code ringgate.error} header, acknowledged by the broker before their offsets are
 * stored; a record is refused only as the store stands when it is judged (a tenant or product
 * another replica created a moment ago counts as known, see {@link ChangeFeed#catchUp}).
 */
@ApplicationScoped
public class TelemetryConsumer {
  private static final Logger LOG = Logger.getLogger(TelemetryConsumer.class);
  static final String ERROR_HEADER = DeadLetters.ERROR_HEADER;

  private final KafkaClients clients;
  private final TelemetryIngest ingest;
  private final TelemetryRecordChecks checks;
  private final KafkaOffsetStore offsets;
  private final ChangeFeed changes;
  private final Counter stored;
  private final Counter deadLettered;
  private final java.util.concurrent.ExecutorService workers;
  private volatile Thread thread;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean running;
  private volatile boolean healthy = true;
  private volatile long lag;
  private long lagReadAt;
  private final MeterRegistry meters;
  private final io.micrometer.core.instrument.Gauge lagGauge;

  TelemetryConsumer(
      KafkaClients clients,
      TelemetryIngest ingest,
      TelemetryRecordChecks checks,
      KafkaOffsetStore offsets,
      ChangeFeed changes,
      MeterRegistry meters) {
    this.clients = clients;
    this.changes = changes;
    this.ingest = ingest;
    this.checks = checks;
    this.offsets = offsets;
    this.workers =
        java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, clients.settings().storeThreads()),
            Threads.daemon("ringgate-telemetry-store"));
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
    this.meters = meters;
    this.lagGauge =
        io.micrometer.core.instrument.Gauge.builder(
                "ringgate.telemetry.kafka.lag", this, consumer -> consumer.lag)
            .description(
                "Telemetry records on this replica's partitions not yet consumed (end offsets minus"
                    + " positions), updated every few seconds while Kafka is configured")
            .register(meters);
  }

  void onStart(@Observes StartupEvent event) {
    if (clients.configured()) {
      start();
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
    // A registry that outlives this application (several in one JVM, as in the tests) would
    // otherwise keep answering with this instance's last value.
    meters.remove(lagGauge);
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
    thread = Threads.daemon("ringgate-telemetry-consumer").newThread(this::run);
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
      StoredPositions positions =
          new StoredPositions(kafka, offsets, settings.groupId(), () -> healthy = false);
      kafka.subscribe(List.of(settings.telemetryTopic()), positions);
      while (running) {
        if (!positions.retry()) {
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
        readLag(kafka);
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
          positions.rewind(records, settings.telemetryTopic());
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
    Map<ConsumerRecord<byte[], byte[]>, String> refused = check(part, events);
    if (!refused.isEmpty()) {
      // the tenant or product may have been created on another replica a moment ago, before this
      // replica's views heard of it: judge again by the store as it is now (again even when
      // another thread caught the views up between the first judgement and this one)
      changes.catchUp();
      events.clear();
      refused = check(part, events);
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    refused.forEach(
        (record, problem) ->
            sent.add(
                deadLetters.send(
                    DeadLetters.of(clients.settings().deadLetterTopic(), record, problem))));
    clients.awaitAcks(sent, clients.settings().deadLetterTopic());
    OffsetAndMetadata next = new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1);
    ingest.accept(
        events,
        "kafka",
        c -> offsets.put(c, clients.settings().groupId(), Map.of(partition, next)));
    stored.increment(events.size());
    deadLettered.increment(sent.size());
    return next;
  }

  /** Adds the storable records' events to {@code events}; returns the others with the reason. */
  private Map<ConsumerRecord<byte[], byte[]>, String> check(
      List<ConsumerRecord<byte[], byte[]>> part, List<TelemetryEvent> events) {
    Map<ConsumerRecord<byte[], byte[]>, String> refused = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : part) {
      String problem = checks.check(record, events);
      if (problem != null) {
        refused.put(record, problem);
      }
    }
    return refused;
  }

  /**
   * Sums the lag of the assigned partitions every {@link #LAG_EVERY_MILLIS}: from the end offsets
   * the fetches brought back ({@code currentLag}, no extra request), or asked for where unknown.
   */
  private void readLag(KafkaConsumer<byte[], byte[]> kafka) {
    long now = System.currentTimeMillis();
    if (now - lagReadAt < LAG_EVERY_MILLIS) {
      return;
    }
    lagReadAt = now;
    try {
      long sum = 0;
      List<TopicPartition> unknown = new ArrayList<>();
      for (TopicPartition partition : kafka.assignment()) {
        java.util.OptionalLong known = kafka.currentLag(partition);
        if (known.isPresent()) {
          sum += known.getAsLong();
        } else {
          unknown.add(partition);
        }
      }
      if (!unknown.isEmpty()) {
        Map<TopicPartition, Long> ends = kafka.endOffsets(unknown, Duration.ofSeconds(2));
        for (TopicPartition partition : unknown) {
          sum +=
              Math.max(
                  0,
                  ends.getOrDefault(partition, 0L)
                      - kafka.position(partition, Duration.ofSeconds(2)));
        }
      }
      lag = sum;
    } catch (RuntimeException e) {
      LOG.debugf("consumer lag not read: %s", e.getMessage());
    }
  }

  static final long LAG_EVERY_MILLIS = 5_000;

  private static void commitToKafka(
      KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> next) {
    try {
      kafka.commitAsync(next, null);
    } catch (RuntimeException e) {
      LOG.debugf("Kafka offset commit skipped (the store has them): %s", e.getMessage());
    }
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
