package dev.ringgate.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills the telemetry topic for the Kafka ingest benchmark (docs/benchmarks.md): {@code count}
 * events keyed by device id, cycling over {@code fleet} devices, 70 % HEARTBEAT, 25 % INSTALLED, 5
 * % CRASH on {@code version}.
 *
 * <p>Usage: {@code KafkaLoad <bootstrap> <tenant> <product> <version> <count> <fleet> [topic]}
 */
public final class KafkaLoad {
  private KafkaLoad() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String tenant = args[1];
    String product = args[2];
    String version = args[3];
    long count = Long.parseLong(args[4]);
    long fleet = Long.parseLong(args[5]);
    String topic = args.length > 6 ? args[6] : "ringgate.telemetry.v1";
    String at = Instant.now().toString();
    long started = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (long i = 0; i < count; i++) {
        String device = "kb-" + (i % fleet);
        long r = i % 20;
        String type = r == 0 ? "CRASH" : r < 6 ? "INSTALLED" : "HEARTBEAT";
        String value =
            dev.ringgate.support.Telemetry.kafkaValue(tenant, device, product, version, type, at);
        producer.send(new ProducerRecord<>(topic, device, value.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("produced %d events in %.1f s (%.0f/s)%n", count, seconds, count / seconds);
  }
}
