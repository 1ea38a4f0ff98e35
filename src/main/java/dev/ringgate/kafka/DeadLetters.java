package dev.ringgate.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The dead-letter form of a record that cannot be stored: the same key and value, the reason in the
 * {@code ringgate.error} header and where it came from ({@code topic-partition@offset}) in {@code
 * ringgate.source}.
 */
final class DeadLetters {
  static final String ERROR_HEADER = "ringgate.error";
  static final String SOURCE_HEADER = "ringgate.source";

  private DeadLetters() {}

  static ProducerRecord<String, byte[]> of(
      String topic, ConsumerRecord<byte[], byte[]> record, String why) {
    ProducerRecord<String, byte[]> out =
        new ProducerRecord<>(
            topic,
            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
            record.value());
    out.headers().add(ERROR_HEADER, why.getBytes(StandardCharsets.UTF_8));
    out.headers()
        .add(
            SOURCE_HEADER,
            (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
    return out;
  }
}
