package dev.ringgate.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker for tests: in-process KRaft from Kafka's own test kit (one combined node), or
 * the broker named by {@code KAFKA_BOOTSTRAP_SERVERS}. Creates Ringgate's topics, the telemetry
 * topic with several partitions.
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {
  public static final int TELEMETRY_PARTITIONS = 3;
  private static volatile String servers;
  private KafkaClusterTestKit cluster;

  /** The broker of the running test. */
  public static String bootstrapServers() {
    return servers;
  }

  /** A producer to the running broker whose sends are acknowledged by all in-sync replicas. */
  public static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(),
        new StringSerializer());
  }

  /** A consumer of a group of its own that reads its topics from their beginning. */
  public static KafkaConsumer<String, String> reader(String group) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            servers,
            ConsumerConfig.GROUP_ID_CONFIG,
            group + "-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        new StringDeserializer());
  }

  /**
   * Why records mentioning {@code product} went to the telemetry dead-letter topic, with how many
   * each, as read for {@code window}.
   */
  public static Map<String, Integer> deadLettered(String product, Duration window, Duration poll) {
    Map<String, Integer> reasons = new TreeMap<>();
    try (KafkaConsumer<String, String> reader = reader("dlq-reader")) {
      reader.subscribe(List.of("ringgate.telemetry.v1.dlq"));
      long until = System.nanoTime() + window.toNanos();
      while (System.nanoTime() < until) {
        for (ConsumerRecord<String, String> record : reader.poll(poll)) {
          if (record.value() != null && record.value().contains(product)) {
            var header = record.headers().lastHeader("ringgate.error");
            reasons.merge(
                header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8),
                1,
                Integer::sum);
          }
        }
      }
    }
    return reasons;
  }

  @Override
  public Map<String, String> start() {
    String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (external != null && !external.isBlank()) {
      servers = external;
    } else {
      try {
        cluster =
            new KafkaClusterTestKit.Builder(
                    new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
      } catch (Exception e) {
        throw new IllegalStateException("Kafka test broker did not start", e);
      }
      servers = cluster.bootstrapServers();
    }
    createTopics();
    return Map.of(
        "kafka.bootstrap.servers",
        servers,
        "ringgate.kafka.relay-interval",
        "50ms",
        "ringgate.kafka.group-id",
        "ringgate-test-" + System.nanoTime());
  }

  private static void createTopics() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> topics =
          List.of(
                  new NewTopic("ringgate.telemetry.v1", TELEMETRY_PARTITIONS, (short) 1),
                  new NewTopic("ringgate.telemetry.v1.dlq", 1, (short) 1),
                  new NewTopic("ringgate.rollout-events.v1", 3, (short) 1))
              .stream()
              .filter(t -> !existing.contains(t.name()))
              .toList();
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Kafka topics not created", e);
    }
  }

  @Override
  public void stop() {
    if (cluster != null) {
      try {
        cluster.close();
      } catch (Exception e) {
        // the JVM ends the broker anyway
      }
    }
  }
}
