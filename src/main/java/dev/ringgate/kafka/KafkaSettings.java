package dev.ringgate.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka ({@code ringgate.kafka.*}); Kafka is used only when {@code kafka.bootstrap.servers} (env
 * {@code KAFKA_BOOTSTRAP_SERVERS}) is set.
 */
@ConfigMapping(prefix = "ringgate.kafka")
public interface KafkaSettings {
  /** The consumer group every replica joins to share the telemetry partitions. */
  @WithDefault("ringgate")
  String groupId();

  @WithDefault("ringgate.telemetry.v1")
  String telemetryTopic();

  @WithDefault("ringgate.telemetry.v1.dlq")
  String deadLetterTopic();

  @WithDefault("ringgate.rollout-events.v1")
  String eventsTopic();

  /** Records taken per poll, stored in one transaction. */
  @WithDefault("5000")
  int maxPollRecords();

  /**
   * Partitions of one poll stored at once, each in its own transaction (a device always lands on
   * the same partition, so they never touch the same rows).
   */
  @WithDefault("4")
  int storeThreads();

  /**
   * How long a replica may be silent before the group gives its partitions to the others (Kafka's
   * {@code session.timeout.ms}; the broker allows 6 s to 30 min by default).
   */
  @WithDefault("45s")
  Duration sessionTimeout();

  /** How often the outbox is relayed to the events topic. */
  @WithDefault("200ms")
  Duration relayInterval();

  /** How long the relay and the dead-letter producer wait for the broker's acknowledgement. */
  @WithDefault("10s")
  Duration sendTimeout();

  /**
   * Further client properties for consumers, producers and the admin client, e.g. {@code
   * ringgate.kafka.client."security.protocol"=SASL_SSL}.
   */
  Map<String, String> client();

  /** The broker list, when Kafka is configured. */
  static Optional<String> bootstrapServers() {
    return org.eclipse.microprofile.config.ConfigProvider.getConfig()
        .getOptionalValue("kafka.bootstrap.servers", String.class)
        .filter(s -> !s.isBlank());
  }
}
