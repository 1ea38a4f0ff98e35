package dev.ringgate.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds Kafka clients from the configuration, when Kafka is configured at all. */
@ApplicationScoped
public class KafkaClients {
  private final KafkaSettings settings;
  private final Optional<String> servers;

  KafkaClients(KafkaSettings settings) {
    this.settings = settings;
    this.servers = KafkaSettings.bootstrapServers();
  }

  public boolean configured() {
    return servers.isPresent();
  }

  public KafkaSettings settings() {
    return settings;
  }

  private Map<String, Object> common(String clientId) {
    Map<String, Object> config = new HashMap<>(settings.client());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers.orElseThrow());
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return config;
  }

  /** A consumer of raw records that commits nothing by itself. */
  public KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> config = common("ringgate-telemetry");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    int session = (int) settings.sessionTimeout().toMillis();
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session);
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, session / 3));
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * An idempotent producer that waits for every in-sync replica: no record is acknowledged before
   * it is safe, and records of one key stay in order across retries.
   */
  public KafkaProducer<String, byte[]> producer(String clientId) {
    Map<String, Object> config = common(clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * Waits until the broker acknowledged every record sent (within {@code send-timeout} each);
   * throws, naming the topic, when one was not.
   */
  public void awaitAcks(
      java.util.Collection<? extends java.util.concurrent.Future<?>> sent, String topic) {
    long timeout = settings.sendTimeout().toMillis();
    for (java.util.concurrent.Future<?> future : sent) {
      try {
        future.get(timeout, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while sending to " + topic, e);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException(topic + " did not acknowledge: " + e.getMessage(), e);
      }
    }
  }

  public Admin admin() {
    Map<String, Object> config = common("ringgate-admin");
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    return Admin.create(config);
  }
}
