package dev.ringgate.simulate.domain;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians and percentiles of run results, with 95 % confidence intervals. */
public final class Stats {
  private static final double Z95 = 1.959964;

  private Stats() {}

  /** A confidence interval. */
  public record Interval(double low, double high) {}

  /** Wilson's 95 % score interval for a share of {@code successes} in {@code n} runs. */
  public static Interval wilson(long successes, long n) {
    if (n == 0) {
      return new Interval(Double.NaN, Double.NaN);
    }
    double p = (double) successes / n;
    double z2 = Z95 * Z95;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /**
   * A distribution-free 95 % interval for the p-quantile: the order statistics whose ranks the
   * binomial (n, p) count of values below the quantile reaches with 2.5 % and 97.5 % (normal
   * approximation), clamped to the smallest and largest value; NaN for no values.
   */
  public static Interval quantileInterval(double[] values, double p) {
    if (values.length == 0) {
      return new Interval(Double.NaN, Double.NaN);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double sd = Math.sqrt(n * p * (1 - p));
    int low = (int) Math.floor(n * p - Z95 * sd);
    int high = (int) Math.ceil(n * p + Z95 * sd) + 1;
    return new Interval(
        sorted[Math.max(0, Math.min(n - 1, low - 1))],
        sorted[Math.max(0, Math.min(n - 1, high - 1))]);
  }

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
