package dev.ringgate.kafka;

import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import dev.ringgate.store.Upsert;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer group's positions in the store (table {@code kafka_offsets}), written in the same
 * transaction as the effects of the records before them.
 */
@ApplicationScoped
class KafkaOffsetStore {
  private static final Upsert UPSERT =
      Upsert.into("kafka_offsets", "group_id", "topic", "partition_no", "next_offset")
          .on("group_id", "topic", "partition_no");

  private final Store store;

  KafkaOffsetStore(Store store) {
    this.store = store;
  }

  /** Stores each partition's next offset in {@code c}'s transaction. */
  Void put(Connection c, String group, Map<TopicPartition, OffsetAndMetadata> next)
      throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(UPSERT.sql(c))) {
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

  /** The group's next offset per partition of {@code topic}, as stored. */
  Map<Integer, Long> read(String group, String topic) {
    return store.read(
        c -> {
          Map<Integer, Long> offsets = new HashMap<>();
          for (long[] row :
              Sql.list(
                  c,
                  "SELECT partition_no, next_offset FROM kafka_offsets WHERE group_id = ? AND"
                      + " topic = ?",
                  r -> new long[] {r.getInt(1), r.getLong(2)},
                  group,
                  topic)) {
            offsets.put((int) row[0], row[1]);
          }
          return offsets;
        });
  }
}
