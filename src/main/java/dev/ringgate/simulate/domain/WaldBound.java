package dev.ringgate.simulate.domain;

/**
 * Wald's sequential probability ratio test between two simple hypotheses: the expected number of
 * observations it needs under the alternative, for error rates alpha and beta. A test that knew the
 * baseline exactly could do no better on average (Wald and Wolfowitz); Ringgate's gate does not
 * know it and compares with a control group, so it needs more.
 */
public final class WaldBound {
  private WaldBound() {}

  /** The log-likelihood boundary term under the alternative: (1-b) ln((1-b)/a) + b ln(b/(1-a)). */
  static double boundary(double alpha, double beta) {
    return (1 - beta) * Math.log((1 - beta) / alpha) + beta * Math.log(beta / (1 - alpha));
  }

  /**
   * Devices needed when each exposed device fails with probability {@code p1} instead of {@code p0}
   * (a Bernoulli observation per device).
   */
  public static double devices(double p0, double p1, double alpha, double beta) {
    double drift = p1 * Math.log(p1 / p0);
    if (p1 < 1) {
      drift += (1 - p1) * Math.log((1 - p1) / (1 - p0));
    }
    return boundary(alpha, beta) / drift;
  }

  /**
   * Device-hours needed when crashes come as a Poisson process of rate {@code ratio * perHour}
   * instead of {@code perHour} per device-hour.
   */
  public static double deviceHours(double perHour, double ratio, double alpha, double beta) {
    double l1 = ratio * perHour;
    double drift = l1 * Math.log(ratio) - (l1 - perHour);
    return boundary(alpha, beta) / drift;
  }
}
