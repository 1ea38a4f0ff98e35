package dev.ringgate.telemetry;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Events stored but counted toward no rollout, by reason: the telemetry answer's {@code uncounted}.
 */
public record Uncounted(int total, Map<UncountedReason, Integer> byReason) {
  public static final Uncounted NONE = new Uncounted(0, Map.of());

  public Uncounted {
    byReason =
        Collections.unmodifiableMap(
            byReason.isEmpty() ? new EnumMap<>(UncountedReason.class) : new EnumMap<>(byReason));
  }

  /** Counts per reason, as they are found. */
  static final class Tally {
    private final EnumMap<UncountedReason, Integer> counts = new EnumMap<>(UncountedReason.class);
    private int total;

    void add(UncountedReason reason) {
      counts.merge(reason, 1, Integer::sum);
      total++;
    }

    Uncounted result() {
      return total == 0 ? NONE : new Uncounted(total, counts);
    }
  }
}
