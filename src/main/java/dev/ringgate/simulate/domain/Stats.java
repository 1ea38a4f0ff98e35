package dev.ringgate.simulate.domain;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians and percentiles of run results. */
public final class Stats {
  private Stats() {}

  /** The p-quantile (0..1) by the nearest-rank method, or NaN for no values. */
  public static double quantile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public static <T> double[] values(List<T> items, ToDoubleFunction<T> f) {
    return items.stream().mapToDouble(f).toArray();
  }
}
