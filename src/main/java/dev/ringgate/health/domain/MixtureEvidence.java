package dev.ringgate.health.domain;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The evidence of the health gate: a one-sided mixture likelihood ratio over a fixed grid of
 * failure-rate ratios, computed in log space. Under the null hypothesis (the release fails no more
 * often than the baseline) its expected value is at most 1, so by Markov's inequality, and by
 * Ville's inequality for its sequential use, the chance that it ever reaches {@code 1/alpha} is at
 * most {@code alpha}. Pure functions; the fleet simulator reuses them.
 *
 * <p>Ville's inequality holds exactly for a likelihood ratio multiplied up failure by failure, each
 * with the exposure shares of its moment. The gate has aggregated counts instead (failures, and
 * exposure summed since the ring started) and re-evaluates them; {@code docs/halting.md} explains
 * this approximation and what the simulations measured.
 */
public final class MixtureEvidence {

  /**
   * The failure-rate ratios (release over baseline) the mixture puts weight on: from a 25 %
   * regression to one that fails a hundred times as often. The small ratios catch slight
   * regressions once many failures have been seen; the large ones let a handful of failures among
   * few devices halt a release that breaks nearly every device.
   */
  public static final List<Double> RATIOS = List.of(1.25, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0);

  /**
   * The weight of each ratio in {@link #RATIOS}: equal, 1/8 each. Equal weights cost {@code log 8}
   * (about 2.1 in natural log) of evidence against a test that knew the true ratio in advance, and
   * favour no size of regression over another.
   */
  public static final List<Double> WEIGHTS =
      List.of(0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125);

  private static final double MIN_ESTIMATE = 1e-3;
  private static final double MAX_ESTIMATE = 1e3;

  /** The largest failure probability an alternative is given in the test against a fixed rate. */
  public static final double MAX_RATE = 0.999_999;

  private static final double[] RATIO = RATIOS.stream().mapToDouble(Double::doubleValue).toArray();
  private static final double[] LOG_WEIGHT =
      WEIGHTS.stream().mapToDouble(w -> Math.log(w)).toArray();

  private MixtureEvidence() {}

  /**
   * One kind of failure split between the groups: of {@code allFailures} failures, {@code
   * exposedFailures} were on the release, where the release had {@code exposedShare} of the
   * exposure (of device-hours for crashes, of devices for silence).
   */
  public record Split(long exposedFailures, long allFailures, double exposedShare) {
    public Split {
      if (exposedFailures < 0 || allFailures < exposedFailures) {
        throw new IllegalArgumentException("need 0 <= exposedFailures <= allFailures");
      }
      if (!(exposedShare >= 0 && exposedShare <= 1)) {
        throw new IllegalArgumentException("exposedShare must be in [0, 1]: " + exposedShare);
      }
    }
  }

  /**
   * The natural log of the mixture likelihood ratio of the conditional binomial test. Given n
   * failures, under the null each one is on the release with probability p0 (its exposure share);
   * under a rate ratio t with {@code p(t) = t*p0 / (t*p0 + 1 - p0)}. The likelihood ratio of x of n
   * is {@code (p(t)/p0)^x ((1-p(t))/(1-p0))^(n-x) = t^x / (1 + (t-1) p0)^n}. With several splits
   * (crashes and silence) the ratios at the same t multiply.
   */
  public static double logEvidence(Split... splits) {
    double[] terms = new double[RATIO.length];
    for (int j = 0; j < RATIO.length; j++) {
      terms[j] = LOG_WEIGHT[j] + logLikelihoodRatio(RATIO[j], splits);
    }
    return logSumExp(terms);
  }

  /** {@link #logEvidence(Split...)} for one kind of failure. */
  public static double logEvidence(long exposedFailures, long allFailures, double exposedShare) {
    return logEvidence(new Split(exposedFailures, allFailures, exposedShare));
  }

  /**
   * The log likelihood ratio of rate ratio {@code ratio} against 1: {@code x log t - n log(1 +
   * (t-1) p0)}, summed over the splits. Finite even where p0 is 0 or 1.
   */
  public static double logLikelihoodRatio(double ratio, Split... splits) {
    double sum = 0;
    for (Split s : splits) {
      if (s.allFailures() > 0) {
        sum +=
            s.exposedFailures() * Math.log(ratio)
                - s.allFailures() * Math.log1p((ratio - 1) * s.exposedShare());
      }
    }
    return sum;
  }

  /**
   * The natural log of the mixture likelihood ratio against a fixed failure rate: {@code failed} of
   * {@code trials} devices failed, each a Bernoulli trial with probability {@code maxRate} under
   * the null and {@code q(t) = min(t * maxRate, MAX_RATE)} under a ratio t; {@code sum w (q/q0)^x
   * ((1-q)/(1-q0))^(n-x)}. A ratio that cannot raise the rate (q0 already at the cap) counts as 1.
   */
  public static double logEvidenceAgainstRate(long failed, long trials, double maxRate) {
    if (failed < 0 || trials < failed) {
      throw new IllegalArgumentException("need 0 <= failed <= trials");
    }
    if (!(maxRate > 0 && maxRate <= 1)) {
      throw new IllegalArgumentException("maxRate must be in (0, 1]: " + maxRate);
    }
    double[] terms = new double[RATIO.length];
    for (int j = 0; j < RATIO.length; j++) {
      double q = Math.min(RATIO[j] * maxRate, MAX_RATE);
      double log = 0;
      if (q > maxRate) {
        log =
            failed * Math.log(q / maxRate)
                + (trials - failed) * (Math.log1p(-q) - Math.log1p(-maxRate));
      }
      terms[j] = LOG_WEIGHT[j] + log;
    }
    return logSumExp(terms);
  }

  /**
   * The rate ratio that best explains the splits (maximum likelihood), clamped to [1/1000, 1000].
   * NaN when there are no failures. The log likelihood is concave in the ratio's log, so Newton's
   * method converges; bisection takes over whenever a step would leave the bracket.
   */
  public static double estimatedRatio(Split... splits) {
    boolean any = false;
    for (Split s : splits) {
      any |= s.allFailures() > 0;
    }
    if (!any) {
      return Double.NaN;
    }
    double lo = Math.log(MIN_ESTIMATE);
    double hi = Math.log(MAX_ESTIMATE);
    if (score(lo, splits)[0] <= 0) {
      return MIN_ESTIMATE;
    }
    if (score(hi, splits)[0] >= 0) {
      return MAX_ESTIMATE;
    }
    double x = 0;
    for (int i = 0; i < 100 && hi - lo > 1e-12; i++) {
      double[] f = score(x, splits);
      if (Math.abs(f[0]) < 1e-10) {
        break;
      }
      if (f[0] > 0) {
        lo = x;
      } else {
        hi = x;
      }
      double next = f[1] < 0 ? x - f[0] / f[1] : Double.NaN;
      x = next > lo && next < hi ? next : (lo + hi) / 2;
    }
    return Math.exp(x);
  }

  /**
   * Half the 95 % quantile of the chi-square distribution with one degree of freedom: the drop from
   * the maximum of the log likelihood that bounds a 95 % likelihood-ratio interval.
   */
  static final double HALF_CHI2_95 = 3.841_458_820_694_124 / 2;

  /**
   * The likelihood-based 95 % interval of the rate ratio: every ratio t whose log likelihood is
   * within {@link #HALF_CHI2_95} of its maximum at {@link #estimatedRatio} (Wilks' theorem; it is
   * exact in the limit and, unlike a Wald interval, stays inside the ratios the data allow when
   * failures are few). {@code {low, high}}, within [1/1000, 1000]: a bound at 1/1000 or 1000 means
   * the data do not bound it there. NaNs when there are no failures.
   */
  public static double[] ratioInterval(Split... splits) {
    double estimate = estimatedRatio(splits);
    if (Double.isNaN(estimate)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double top = logLikelihoodRatio(estimate, splits);
    DoubleUnaryOperator outside = x -> top - logLikelihoodRatio(Math.exp(x), splits) - HALF_CHI2_95;
    double at = Math.log(estimate);
    return new double[] {
      Math.exp(crossing(outside, Math.log(MIN_ESTIMATE), at)),
      Math.exp(crossing(outside, Math.log(MAX_ESTIMATE), at))
    };
  }

  /**
   * Where {@code outside} turns from positive (at {@code far}) to not positive (at {@code inside}),
   * by bisection; {@code far} itself when it is not outside. The log likelihood is concave in the
   * ratio's log, so there is one crossing on each side of the maximum.
   */
  private static double crossing(DoubleUnaryOperator outside, double far, double inside) {
    if (outside.applyAsDouble(far) <= 0) {
      return far;
    }
    double out = far;
    double in = inside;
    for (int i = 0; i < 200 && Math.abs(out - in) > 1e-12; i++) {
      double mid = (out + in) / 2;
      if (outside.applyAsDouble(mid) > 0) {
        out = mid;
      } else {
        in = mid;
      }
    }
    return (out + in) / 2;
  }

  /**
   * The derivative of the log likelihood in the ratio's log, and its second derivative: {@code sum
   * (x - n p)} and {@code -sum n p (1 - p)}, where p is the release's share at that ratio.
   */
  private static double[] score(double logRatio, Split... splits) {
    double first = 0;
    double second = 0;
    double t = Math.exp(logRatio);
    for (Split s : splits) {
      double p0 = s.exposedShare();
      double p = t * p0 / (t * p0 + 1 - p0);
      first += s.exposedFailures() - s.allFailures() * p;
      second -= s.allFailures() * p * (1 - p);
    }
    return new double[] {first, second};
  }

  private static double logSumExp(double[] terms) {
    double max = Double.NEGATIVE_INFINITY;
    for (double t : terms) {
      max = Math.max(max, t);
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }
}
