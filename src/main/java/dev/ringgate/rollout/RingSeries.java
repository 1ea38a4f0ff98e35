package dev.ringgate.rollout;

import dev.ringgate.health.HealthConfig;
import dev.ringgate.health.RolloutSeriesStore;
import dev.ringgate.health.RolloutSeriesStore.RingPoint;
import dev.ringgate.health.domain.CrashRateRule;
import dev.ringgate.health.domain.GateSettings;
import dev.ringgate.health.domain.RingCounts;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.release.domain.Gate;
import dev.ringgate.rollout.api.RingSeriesView;
import dev.ringgate.rollout.api.RolloutView;
import dev.ringgate.rollout.api.RolloutView.RingView;
import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.security.Caller;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One ring's figures over time, for the console's chart and the API: exposed and control devices
 * and their failures, read from the times {@code rollout_devices} keeps, and the gate's
 * log-evidence computed from them against the ring's halt threshold {@code log(1/alpha)}. Nothing
 * is stored for it. Readable by whoever may read the rollout.
 */
@ApplicationScoped
public class RingSeries {
  /** Moments per series: enough for a chart, one query. */
  public static final int POINTS = 60;

  private final RolloutService rollouts;
  private final RolloutContexts contexts;
  private final RolloutSeriesStore series;
  private final Store store;
  private final TimeSource time;
  private final GateSettings settings;

  RingSeries(
      RolloutService rollouts,
      RolloutContexts contexts,
      RolloutSeriesStore series,
      Store store,
      TimeSource time,
      HealthConfig config) {
    this.rollouts = rollouts;
    this.contexts = contexts;
    this.series = series;
    this.store = store;
    this.time = time;
    this.settings = config.settings();
  }

  /**
   * Ring {@code ring}'s series (the current ring when null); 400 {@code ring} when out of range.
   */
  public RingSeriesView of(Caller caller, String rolloutId, Integer ring) {
    RolloutView view = rollouts.get(caller, rolloutId);
    int index = ring == null ? view.ringIndex() : ring;
    if (index < 0 || index >= view.rings().size()) {
      throw ApiException.invalid(
          "ring", "must be a ring of the rollout, 0 to " + (view.rings().size() - 1));
    }
    RingView ringView = view.rings().get(index);
    return store.read(
        c -> {
          Gate gate = contexts.load(c, rolloutId, false).plan().rings().get(index).gate();
          double threshold = -Math.log(gate.alpha());
          List<RingSeriesView.Point> points = new ArrayList<>();
          long[] moments = moments(view, index, time.now());
          if (moments.length > 0) {
            for (RingPoint p : series.ringSeries(c, rolloutId, index, moments)) {
              points.add(point(p, gate));
            }
          }
          return new RingSeriesView(
              rolloutId, index, ringView.name(), ringView.startedAt(), threshold, points);
        });
  }

  private RingSeriesView.Point point(RingPoint p, Gate gate) {
    long control = p.control();
    RingCounts counts =
        new RingCounts(
            p.exposed(),
            p.exposed(),
            p.crashed(),
            p.silent(),
            control,
            p.controlCrashed(),
            p.controlSilent(),
            p.exposedHours(),
            p.controlHours(),
            0,
            0,
            control,
            0, // the chart's evidence is the crash and silence test's; early silence is not charted
            0);
    double evidence = p.exposed() == 0 ? 0 : CrashRateRule.logEvidence(counts, gate, settings);
    return new RingSeriesView.Point(
        Instant.ofEpochMilli(p.atMs()),
        p.exposed(),
        p.crashed() + p.silent(),
        control,
        p.controlCrashed() + p.controlSilent(),
        Math.round(evidence * 1000) / 1000.0);
  }

  /**
   * Evenly spaced moments from the ring's start to its end (the next ring's start, the rollout's
   * end) or now; none before the ring starts.
   */
  static long[] moments(RolloutView view, int index, Instant now) {
    Instant from = view.rings().get(index).startedAt();
    if (from == null) {
      return new long[0];
    }
    Instant next = index + 1 < view.rings().size() ? view.rings().get(index + 1).startedAt() : null;
    return evenly(from, next != null ? next : finished(view) ? view.updatedAt() : now);
  }

  /** Whether the rollout's figures have stopped moving: completed, superseded or rolled back. */
  public static boolean finished(RolloutView view) {
    return view.state() == RolloutState.COMPLETED
        || view.state() == RolloutState.SUPERSEDED
        || view.state() == RolloutState.ROLLED_BACK;
  }

  /**
   * Evenly spaced moments from {@code from} to {@code to} (at least a second later): one a second,
   * two at the least and {@link #POINTS} at the most.
   */
  public static long[] evenly(Instant from, Instant to) {
    long start = from.toEpochMilli();
    long end = Math.max(start + 1000, to.toEpochMilli());
    int points = (int) Math.max(2, Math.min(POINTS, (end - start) / 1000 + 1));
    long[] moments = new long[points];
    for (int i = 0; i < points; i++) {
      moments[i] = start + (end - start) * i / (points - 1);
    }
    return moments;
  }
}
