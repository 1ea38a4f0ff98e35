package dev.ringgate.console;

import dev.ringgate.release.api.ReleaseView;
import dev.ringgate.rollout.api.RolloutView;
import java.util.List;

/**
 * A rollout page's content: the rollout, its release (notes come from the vendor and are escaped
 * like everything else), its rings, the verdict and next step in words, its history, and the
 * actions its state allows.
 */
public record RolloutModel(
    RolloutView view,
    ReleaseView release,
    String state,
    String stateClass,
    List<RingRow> rings,
    String verdict,
    String next,
    List<HistoryRow> history,
    List<String> actions) {}
