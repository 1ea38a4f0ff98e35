package dev.ringgate.health.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How much exposure a ring needs before its PASS certifies something: enough device-hours that a
 * release {@code maxRateRatio} times worse than the baseline would have been halted by the gate's
 * own sequential test with probability at least {@code 1 - beta}. A deterministic amount, computed
 * from the baseline failure rate per device-hour; it never depends on whether a failure happened to
 * fall in a small group.
 *
 * <p>The amount is computed for a baseline that is known (the limit of a large control group, which
 * the fleet control provides): after exposure with {@code mu} expected baseline failures, the
 * mixture test halts once the release has {@code x*(mu)} failures, the least x with {@code sum w_j
 * t_j^x exp(-(t_j - 1) mu) >= 1/alpha}; a release r times worse has Poisson({@code r mu}) failures,
 * so it is halted with probability {@code P(Poisson(r mu) >= x*(mu))}. The needed {@code mu} is the
 * least for which that is at least {@code 1 - beta}; device-hours are {@code mu / baseline rate}.
 */
public final class Certification {
  private static final double[] RATIO =
      MixtureEvidence.RATIOS.stream().mapToDouble(Double::doubleValue).toArray();
  private static final double[] LOG_WEIGHT =
      MixtureEvidence.WEIGHTS.stream().mapToDouble(Math::log).toArray();

  private record Key(double alpha, double beta, double ratio) {}

  private static final Map<Key, Double> NEEDED = new ConcurrentHashMap<>();

  private Certification() {}

  /**
   * Where a ring stands.
   *
   * @param baselinePerHour the control's failure rate per device-hour the amount is computed from
   * @param neededHours exposed device-hours needed
   * @param exposedHours exposed device-hours so far
   * @param power the probability that a release {@code maxRateRatio} times worse would have been
   *     halted by now, at the exposure so far
   * @param hoursPerHour exposed device-hours gained per hour now (the devices running the release)
   */
  public record Status(
      double baselinePerHour,
      double neededHours,
      double exposedHours,
      double power,
      double hoursPerHour) {

    public double remainingHours() {
      return Math.max(0, neededHours - exposedHours);
    }

    public boolean met() {
      return exposedHours >= neededHours;
    }
  }

  /**
   * A ring's status against a control group: the baseline rate is the control's crashes per
   * device-hour (at least one crash counted, so a control that has seen none yet gives an upper
   * estimate of the rate instead of an endless wait).
   */
  public static Status of(RingCounts counts, double alpha, double beta, double ratio) {
    double controlHours = Math.max(counts.controlHours(), 1e-9);
    double rate = Math.max(counts.controlCrashed(), 1) / controlHours;
    double needed = neededBaselineFailures(alpha, beta, ratio) / rate;
    double exposedHours = Math.max(0, counts.exposedHours());
    long running = Math.max(0, counts.atRisk() - counts.crashed() - counts.silent());
    return new Status(
        rate, needed, exposedHours, power(rate * exposedHours, ratio, alpha), running);
  }

  /** The expected baseline failures on the release needed for power {@code 1 - beta}. */
  public static double neededBaselineFailures(double alpha, double beta, double ratio) {
    return NEEDED.computeIfAbsent(new Key(alpha, beta, ratio), Certification::search);
  }

  private static double search(Key key) {
    double target = 1 - key.beta();
    double hi = 0.5;
    while (power(hi, key.ratio(), key.alpha()) < target) {
      hi *= 2;
      if (hi > 1e9) {
        return hi;
      }
    }
    double lo = hi / 2;
    for (int i = 0; i < 60 && hi - lo > 1e-6 * hi; i++) {
      double mid = (lo + hi) / 2;
      if (power(mid, key.ratio(), key.alpha()) >= target) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /**
   * The probability that a release {@code ratio} times worse is halted once its exposure holds
   * {@code mu} expected baseline failures.
   */
  public static double power(double mu, double ratio, double alpha) {
    if (!(mu > 0)) {
      return 0;
    }
    long threshold = haltingFailures(mu, alpha);
    return poissonAtLeast(threshold, ratio * mu);
  }

  /** The fewest failures on the release that halt, at {@code mu} expected baseline failures. */
  static long haltingFailures(double mu, double alpha) {
    double bar = -Math.log(alpha);
    long hi = 1;
    while (logEvidence(hi, mu) < bar) {
      hi *= 2;
    }
    long lo = 0;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (logEvidence(mid, mu) >= bar) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static double logEvidence(long x, double mu) {
    double max = Double.NEGATIVE_INFINITY;
    double[] terms = new double[RATIO.length];
    for (int j = 0; j < RATIO.length; j++) {
      terms[j] = LOG_WEIGHT[j] + x * Math.log(RATIO[j]) - (RATIO[j] - 1) * mu;
      max = Math.max(max, terms[j]);
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }

  /** P(Poisson(mean) >= k), summing the lower tail in log space. */
  static double poissonAtLeast(long k, double mean) {
    if (k <= 0) {
      return 1;
    }
    double below = 0;
    double logPmf = -mean;
    for (long i = 0; i < k; i++) {
      if (i > 0) {
        logPmf += Math.log(mean) - Math.log(i);
      }
      below += Math.exp(logPmf);
    }
    return Math.max(0, 1 - below);
  }
}
