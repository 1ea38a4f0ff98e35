package dev.ringgate.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Keeps a consumer at the positions the store holds ({@link KafkaOffsetStore}), never at Kafka's
 * own, which may lag the store's: on assignment each partition resumes after the last record whose
 * effects were stored; after a failed poll it reads again from there. While the store cannot say,
 * the partitions stay paused and are positioned again by {@link #retry()}.
 */
final class StoredPositions implements ConsumerRebalanceListener {
  private static final Logger LOG = Logger.getLogger(StoredPositions.class);

  private final KafkaConsumer<byte[], byte[]> kafka;
  private final KafkaOffsetStore offsets;
  private final String groupId;
  private final Runnable unreadable;
  private final Set<TopicPartition> unpositioned = ConcurrentHashMap.newKeySet();

  /** {@code unreadable} runs whenever the store could not say where partitions stand. */
  StoredPositions(
      KafkaConsumer<byte[], byte[]> kafka,
      KafkaOffsetStore offsets,
      String groupId,
      Runnable unreadable) {
    this.kafka = kafka;
    this.offsets = offsets;
    this.groupId = groupId;
    this.unreadable = unreadable;
  }

  /** Positions the partitions still paused; false while the store cannot say. */
  boolean retry() {
    return unpositioned.isEmpty() || position(List.copyOf(unpositioned));
  }

  /**
   * After a failed poll, reads again from where the store says each partition stands (partitions
   * that were stored are not read twice), or from the poll's first record where the store has no
   * position yet; while the store cannot say, the partitions are paused.
   */
  void rewind(ConsumerRecords<byte[], byte[]> records, String topic) {
    try {
      Map<Integer, Long> stored = offsets.read(groupId, topic);
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

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    // offsets are stored with each poll's effects: nothing to save
    unpositioned.removeAll(partitions);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    LOG.debugf("telemetry partitions assigned: %s", Objects.toString(partitions));
    position(partitions);
  }

  /** Seeks the partitions to their stored offsets, or pauses them while the store cannot say. */
  private boolean position(Collection<TopicPartition> parts) {
    try {
      Map<String, Map<Integer, Long>> byTopic = new HashMap<>();
      for (TopicPartition partition : parts) {
        Long offset =
            byTopic
                .computeIfAbsent(partition.topic(), topic -> offsets.read(groupId, topic))
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
      unreadable.run();
      return false;
    }
  }
}
