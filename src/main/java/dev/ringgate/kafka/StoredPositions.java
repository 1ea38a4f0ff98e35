package dev.ringgate.kafka;

import java.util.ArrayList;
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
 * own, which may lag the store's or, after a restore of the store, lead it: on assignment each
 * partition resumes after the last record whose effects were stored (at its beginning when nothing
 * of it was stored yet); after a failed poll it reads again from there. While the store cannot say,
 * the partitions stay paused and are positioned again by {@link #retry()}.
 *
 * <p>A failed poll first puts its partitions back to the poll's first record, so that even while
 * paused no partition stands past records that were polled but not stored.
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
   * that were stored are not read twice); while the store cannot say, the partitions wait paused at
   * the poll's first record.
   */
  void rewind(ConsumerRecords<byte[], byte[]> records, String topic) {
    List<TopicPartition> partitions =
        records.partitions().stream().filter(kafka.assignment()::contains).toList();
    for (TopicPartition partition : partitions) {
      kafka.seek(partition, records.records(partition).get(0).offset());
    }
    try {
      Map<Integer, Long> stored = offsets.read(groupId, topic);
      for (TopicPartition partition : partitions) {
        Long offset = stored.get(partition.partition());
        if (offset != null) {
          kafka.seek(partition, offset);
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf("stored Kafka offsets unreadable, partitions paused: %s", e.getMessage());
      kafka.pause(partitions);
      unpositioned.addAll(partitions);
      unreadable.run();
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

  /**
   * Seeks the partitions to their stored offsets, or pauses them while the store cannot say. Where
   * the store has no offset, nothing from the partition was stored yet: it is read from its
   * beginning, whatever Kafka's committed offset or the consumer's position say.
   */
  private boolean position(Collection<TopicPartition> parts) {
    List<TopicPartition> current = parts.stream().filter(kafka.assignment()::contains).toList();
    unpositioned.retainAll(kafka.assignment());
    try {
      Map<String, Map<Integer, Long>> byTopic = new HashMap<>();
      List<TopicPartition> fromBeginning = new ArrayList<>();
      for (TopicPartition partition : current) {
        Long offset =
            byTopic
                .computeIfAbsent(partition.topic(), topic -> offsets.read(groupId, topic))
                .get(partition.partition());
        if (offset != null) {
          kafka.seek(partition, offset);
        } else {
          fromBeginning.add(partition);
        }
      }
      if (!fromBeginning.isEmpty()) {
        // (an empty collection would mean every assigned partition)
        kafka.seekToBeginning(fromBeginning);
      }
      kafka.resume(current);
      unpositioned.removeAll(current);
      return true;
    } catch (RuntimeException e) {
      LOG.warnf("stored Kafka offsets unreadable, partitions paused: %s", e.getMessage());
      kafka.pause(current);
      unpositioned.addAll(current);
      unreadable.run();
      return false;
    }
  }
}
