package dev.ringgate.health.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ringgate.health.domain.MixtureEvidence.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MixtureEvidenceTest {

  @Test
  void theEvidenceIsTheWeightedMeanOfTheLikelihoodRatios() {
    // Given 3 of 4 failures on a release with 20 % of the exposure
    double p0 = 0.2;
    double expected = 0;
    for (int j = 0; j < MixtureEvidence.RATIOS.size(); j++) {
      double t = MixtureEvidence.RATIOS.get(j);
      double p = t * p0 / (t * p0 + 1 - p0);
      expected +=
          MixtureEvidence.WEIGHTS.get(j) * Math.pow(p / p0, 3) * Math.pow((1 - p) / (1 - p0), 1);
    }

    // When
    double evidence = Math.exp(MixtureEvidence.logEvidence(3, 4, p0));

    // Then
    assertThat(evidence).isCloseTo(expected, within(1e-9 * expected));
  }

  @Test
  void theWeightsSumToOne() {
    assertThat(MixtureEvidence.WEIGHTS.stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, within(1e-12));
    assertThat(MixtureEvidence.RATIOS).hasSameSizeAs(MixtureEvidence.WEIGHTS).allMatch(t -> t > 1);
  }

  @Test
  void noFailuresAreNoEvidence() {
    assertThat(MixtureEvidence.logEvidence(0, 0, 0.3)).isCloseTo(0, within(1e-12));
    assertThat(MixtureEvidence.logEvidenceAgainstRate(0, 0, 0.02)).isCloseTo(0, within(1e-12));
  }

  @Test
  void largeFleetsNeitherOverflowNorUnderflow() {
    // Given a million failures, all on the release
    double log = MixtureEvidence.logEvidence(1_000_000, 1_000_000, 0.5);
    double logAgainstRate = MixtureEvidence.logEvidenceAgainstRate(1_000_000, 1_000_000, 0.02);
    double healthy = MixtureEvidence.logEvidence(500_000, 1_000_000, 0.5);

    // Then the logs are finite: huge for the failures, very negative for an even split
    assertThat(log).isFinite().isGreaterThan(1e5);
    assertThat(logAgainstRate).isFinite().isGreaterThan(1e5);
    assertThat(healthy).isFinite().isLessThan(-10);
  }

  @ParameterizedTest(name = "{0} of {1} failures at an exposure share of {2}: ratio {3}")
  @CsvSource({"1, 2, 0.5, 1.0", "3, 4, 0.2, 12", "2, 4, 0.1, 9", "10, 20, 0.25, 3"})
  void theEstimatedRatioIsTheOddsOfTheFailuresOverTheOddsOfTheExposure(
      long exposed, long all, double share, double ratio) {
    assertThat(MixtureEvidence.estimatedRatio(new Split(exposed, all, share)))
        .isCloseTo(ratio, within(1e-6 * ratio));
  }

  @Test
  void aReleaseWithAllTheExposureCarriesNoEvidence() {
    // Given no control exposure at all: every failure is expected on the release
    assertThat(MixtureEvidence.logEvidence(50, 50, 1.0)).isCloseTo(0, within(1e-12));
  }
}
