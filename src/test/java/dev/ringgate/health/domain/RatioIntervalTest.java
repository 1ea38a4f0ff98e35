package dev.ringgate.health.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ringgate.health.domain.MixtureEvidence.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The 95 % likelihood interval of the crash-rate ratio the console shows beside the estimate. */
class RatioIntervalTest {
  /**
   * The interval found by scanning ratios on a fine grid with the binomial log likelihood written
   * out directly ({@code x log p + (n - x) log(1 - p)}, p the release's share of failures at t).
   */
  private static double[] scanned(Split... splits) {
    int steps = 400_000;
    double from = Math.log(1e-3);
    double to = Math.log(1e3);
    double[] logL = new double[steps + 1];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= steps; i++) {
      double t = Math.exp(from + (to - from) * i / steps);
      double sum = 0;
      for (Split s : splits) {
        double p = t * s.exposedShare() / (t * s.exposedShare() + 1 - s.exposedShare());
        long x = s.exposedFailures();
        long n = s.allFailures();
        sum += (x == 0 ? 0 : x * Math.log(p)) + (n - x == 0 ? 0 : (n - x) * Math.log1p(-p));
      }
      logL[i] = sum;
      max = Math.max(max, sum);
    }
    double low = Double.NaN;
    double high = Double.NaN;
    for (int i = 0; i <= steps; i++) {
      if (max - logL[i] <= 3.841_458_820_694_124 / 2) {
        double t = Math.exp(from + (to - from) * i / steps);
        low = Double.isNaN(low) ? t : low;
        high = t;
      }
    }
    return new double[] {low, high};
  }

  @ParameterizedTest(name = "{0} of {1} failures on the release at share {2}")
  @CsvSource({"6, 8, 0.5", "10, 20, 0.5", "3, 40, 0.1", "12, 15, 0.3", "1, 30, 0.6"})
  void theIntervalHoldsTheRatiosWithinTheChiSquareDropOfTheMaximum(
      long exposed, long all, double share) {
    // Given
    Split split = new Split(exposed, all, share);

    // When
    double[] interval = MixtureEvidence.ratioInterval(split);

    // Then
    double[] expected = scanned(split);
    assertThat(interval[0]).isCloseTo(expected[0], within(expected[0] * 1e-4));
    assertThat(interval[1]).isCloseTo(expected[1], within(expected[1] * 1e-4));
    double estimate = MixtureEvidence.estimatedRatio(split);
    assertThat(interval[0]).isLessThan(estimate);
    assertThat(interval[1]).isGreaterThan(estimate);
  }

  @Test
  void crashesAndSilenceTogetherNarrowTheInterval() {
    // Given
    Split crashes = new Split(6, 9, 0.4);
    Split silence = new Split(4, 6, 0.5);

    // When
    double[] both = MixtureEvidence.ratioInterval(crashes, silence);
    double[] crashesAlone = MixtureEvidence.ratioInterval(crashes);

    // Then
    double[] expected = scanned(crashes, silence);
    assertThat(both[0]).isCloseTo(expected[0], within(expected[0] * 1e-4));
    assertThat(both[1]).isCloseTo(expected[1], within(expected[1] * 1e-4));
    assertThat(both[1] - both[0]).isLessThan(crashesAlone[1] - crashesAlone[0]);
  }

  @Test
  void aClearRegressionHasAnIntervalAboveOne() {
    // 30 of 33 failures on a release with a third of the exposure: ratio about 20
    double[] interval = MixtureEvidence.ratioInterval(new Split(30, 33, 1.0 / 3));
    assertThat(interval[0]).isGreaterThan(1);
  }

  @Test
  void withoutControlFailuresTheIntervalIsOpenAbove() {
    double[] interval = MixtureEvidence.ratioInterval(new Split(5, 5, 0.5));
    assertThat(interval[1]).isEqualTo(1e3, within(1e-9));
    assertThat(interval[0]).isGreaterThan(1).isLessThan(1e3);
  }

  @Test
  void withoutFailuresThereIsNoInterval() {
    assertThat(MixtureEvidence.ratioInterval(new Split(0, 0, 0.5))).containsOnly(Double.NaN);
  }

  @Test
  void theGatesEstimateForARingComesWithItsInterval() {
    // Given 12 of 40 exposed devices failed in 40 device-hours, 1 of 900 control devices in 3,600
    RingCounts counts =
        RingCountsBuilder.aRing()
            .atRisk(40, 40)
            .crashed(9)
            .silent(3)
            .control(900, 3_600)
            .controlCrashed(1)
            .build();

    // When
    double[] estimate = CrashRateRule.ratioEstimate(counts);

    // Then: the ratio the halt names (≈ 899), bounded below well above 1
    assertThat(estimate[0]).isCloseTo(899, within(1.0));
    assertThat(estimate[1]).isGreaterThan(50).isLessThan(estimate[0]);
    assertThat(estimate[2]).isGreaterThan(estimate[0]);
  }

  @Test
  void aRingWithoutAControlGroupHasNoEstimate() {
    RingCounts counts = RingCountsBuilder.aRing().atRisk(40, 40).crashed(9).build();
    assertThat(CrashRateRule.ratioEstimate(counts)).containsOnly(Double.NaN);
  }
}
