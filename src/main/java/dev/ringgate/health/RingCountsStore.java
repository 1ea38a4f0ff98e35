package dev.ringgate.health;

import dev.ringgate.health.domain.RingCounts;
import dev.ringgate.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** A rollout's figures per ring, in distinct devices, as the store holds them. */
@ApplicationScoped
public class RingCountsStore {

  /** Counts by ring index; rings without devices are absent. */
  public Map<Integer, RingCounts> counts(Connection c, String rolloutId) throws SQLException {
    Map<Integer, RingCounts> counts = new HashMap<>();
    Sql.list(
            c,
            "SELECT ring_index, COUNT(*) AS exposed FROM rollout_exposures WHERE rollout_id = ?"
                + " GROUP BY ring_index",
            row -> Map.entry(row.getInt("ring_index"), row.getLong("exposed")),
            rolloutId)
        .forEach(
            e ->
                counts.put(
                    e.getKey(),
                    new RingCounts(e.getValue(), e.getValue(), 0, 0, 0, 0, 0, 0, 0, 0, 0)));
    return counts;
  }
}
