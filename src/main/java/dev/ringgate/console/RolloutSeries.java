package dev.ringgate.console;

import dev.ringgate.health.RolloutSeriesStore;
import dev.ringgate.health.RolloutSeriesStore.Point;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.rollout.RingSeries;
import dev.ringgate.rollout.RolloutService;
import dev.ringgate.rollout.api.RingSeriesView;
import dev.ringgate.rollout.api.RolloutView;
import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.rollout.domain.Transition;
import dev.ringgate.security.Caller;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollout chart's data: the failure rates of the devices offered the release and of the control
 * group over time, read from the store (so every replica draws the same chart), and the moments the
 * rollout halted or rolled back. Readable by whoever may read the rollout.
 */
@ApplicationScoped
public class RolloutSeries {
  private final RolloutService rollouts;
  private final RolloutSeriesStore series;
  private final Store store;
  private final TimeSource time;
  private final RingSeries rings;

  RolloutSeries(
      RolloutService rollouts,
      RolloutSeriesStore series,
      Store store,
      TimeSource time,
      RingSeries rings) {
    this.rollouts = rollouts;
    this.rings = rings;
    this.series = series;
    this.store = store;
    this.time = time;
  }

  /** The chart's data, times in epoch seconds, rates in percent (null before any device). */
  public record Chart(
      List<Double> t,
      List<Double> releaseRate,
      List<Double> controlRate,
      List<Long> offered,
      List<Long> failed,
      List<Long> control,
      List<Long> controlFailed,
      List<Double> halts,
      Integer ring,
      List<Double> evidence,
      Double threshold) {}

  /**
   * One ring's chart ({@code ring}), with the gate's log-evidence and its halt threshold; all rings
   * together when {@code ring} is null.
   */
  public Chart chart(Caller caller, String rolloutId, Integer ring) {
    if (ring == null) {
      return chart(caller, rolloutId);
    }
    RingSeriesView view = rings.of(caller, rolloutId, ring);
    Chart chart =
        empty(
            halts(rollouts.get(caller, rolloutId)),
            view.ringIndex(),
            new ArrayList<>(),
            view.threshold());
    for (RingSeriesView.Point p : view.points()) {
      add(chart, p.at().toEpochMilli(), p.exposed(), p.failed(), p.control(), p.controlFailed());
      chart.evidence().add(p.logEvidence());
    }
    return chart;
  }

  public Chart chart(Caller caller, String rolloutId) {
    RolloutView view = rollouts.get(caller, rolloutId);
    long[] moments = moments(view, time.now());
    List<Point> points = store.read(c -> series.series(c, rolloutId, moments));
    Chart chart = empty(halts(view), null, null, null);
    for (Point p : points) {
      add(chart, p.atMs(), p.exposed(), p.failed(), p.control(), p.controlFailed());
    }
    return chart;
  }

  private static Chart empty(
      List<Double> halts, Integer ring, List<Double> evidence, Double threshold) {
    return new Chart(
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        halts,
        ring,
        evidence,
        threshold);
  }

  /** Adds the moment {@code atMs}'s figures to the chart. */
  private static void add(
      Chart chart, long atMs, long offered, long failed, long control, long controlFailed) {
    chart.t().add(atMs / 1000.0);
    chart.releaseRate().add(rate(failed, offered));
    chart.controlRate().add(rate(controlFailed, control));
    chart.offered().add(offered);
    chart.failed().add(failed);
    chart.control().add(control);
    chart.controlFailed().add(controlFailed);
  }

  /** Evenly spaced moments from the start of the first ring to now (or to the end). */
  static long[] moments(RolloutView view, Instant now) {
    Instant from =
        view.rings().isEmpty() || view.rings().get(0).startedAt() == null
            ? view.createdAt()
            : view.rings().get(0).startedAt();
    return RingSeries.evenly(from, RingSeries.finished(view) ? view.updatedAt() : now);
  }

  private static List<Double> halts(RolloutView view) {
    List<Double> halts = new ArrayList<>();
    for (Transition t : view.history()) {
      if (t.to() == RolloutState.HALTED || t.to() == RolloutState.ROLLED_BACK) {
        halts.add(t.at().toEpochMilli() / 1000.0);
      }
    }
    return halts;
  }

  private static Double rate(long part, long whole) {
    return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
  }
}
