package dev.ringgate.health.domain;

import static dev.ringgate.health.domain.RingCountsBuilder.aRing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ringgate.release.domain.Gate;
import dev.ringgate.release.domain.Promotion;
import dev.ringgate.release.domain.Ring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How much exposure a PASS with {@code beta} needs: enough that a release {@code maxRateRatio}
 * times worse would have been halted with probability {@code 1 - beta}.
 */
class CertificationTest {
  private static final double[] RATIOS = {1.25, 1.5, 2, 3, 5, 10, 30, 100};

  /** The mixture test's halting count at mu expected baseline failures, term by term. */
  private static int haltingFailures(double mu, double alpha) {
    for (int x = 0; ; x++) {
      double m = 0;
      for (double t : RATIOS) {
        m += Math.exp(x * Math.log(t) - (t - 1) * mu) / RATIOS.length;
      }
      if (m >= 1 / alpha) {
        return x;
      }
    }
  }

  /** P(Poisson(mean) >= k), by the terms of the lower tail. */
  private static double atLeast(int k, double mean) {
    double term = Math.exp(-mean);
    double below = 0;
    for (int i = 0; i < k; i++) {
      below += term;
      term *= mean / (i + 1);
    }
    return 1 - below;
  }

  @ParameterizedTest
  @CsvSource({"0.01, 0.02, 3", "0.01, 0.02, 2", "0.05, 0.1, 3", "0.0075, 0.02, 1.5"})
  void theNeededExposureIsTheLeastAtWhichTheWorseReleaseIsHaltedWithProbabilityOneMinusBeta(
      double alpha, double beta, double ratio) {
    // When
    double mu = Certification.neededBaselineFailures(alpha, beta, ratio);

    // Then a release `ratio` times worse is halted with probability 1 - beta there, not at 97 % of
    // it
    assertThat(atLeast(haltingFailures(mu, alpha), ratio * mu)).isGreaterThanOrEqualTo(1 - beta);
    double less = 0.97 * mu;
    assertThat(atLeast(haltingFailures(less, alpha), ratio * less)).isLessThan(1 - beta);
  }

  @Test
  void aLowerBaselineRateNeedsMoreDeviceHours() {
    // Given two rings alike but for the control's rate: 4 crashes in 1,000 or in 4,000 hours
    RingCounts high = aRing().atRisk(500, 100).control(2_000, 1_000).controlCrashed(4).build();
    RingCounts low = aRing().atRisk(500, 100).control(2_000, 4_000).controlCrashed(4).build();

    // When
    Certification.Status atHigh = Certification.of(high, 0.01, 0.02, 3);
    Certification.Status atLow = Certification.of(low, 0.01, 0.02, 3);

    // Then a quarter of the rate needs four times the device-hours, mu* / rate
    double mu = Certification.neededBaselineFailures(0.01, 0.02, 3);
    assertThat(atHigh.baselinePerHour()).isCloseTo(4e-3, within(1e-15));
    assertThat(atHigh.neededHours()).isCloseTo(mu / 4e-3, within(1e-6));
    assertThat(atLow.neededHours()).isCloseTo(4 * atHigh.neededHours(), within(1e-6));
    assertThat(atLow.power()).isLessThan(atHigh.power());
  }

  @Test
  void aControlWithoutCrashesCountsOneSoTheRingDoesNotWaitForever() {
    // Given a control of 2,000 device-hours that has seen no crash
    RingCounts quiet = aRing().atRisk(100, 50).control(1_000, 2_000).build();

    // When
    Certification.Status status = Certification.of(quiet, 0.01, 0.02, 3);

    // Then the rate is taken as 1 crash in 2,000 hours, an upper estimate
    assertThat(status.baselinePerHour()).isCloseTo(1 / 2_000.0, within(1e-15));
    assertThat(status.neededHours()).isFinite().isPositive();
  }

  @Test
  void theStatusSaysWhatIsLeftAndHowFastItComes() {
    // Given 1,000 at risk, 10 crashed and 40 silent, 300 exposed device-hours; 1 crash per 100 h
    RingCounts counts =
        aRing()
            .atRisk(1_000, 300)
            .crashed(10)
            .silent(40)
            .control(5_000, 1_000)
            .controlCrashed(10)
            .build();

    // When
    Certification.Status status = Certification.of(counts, 0.01, 0.02, 3);

    // Then
    double needed = Certification.neededBaselineFailures(0.01, 0.02, 3) / 0.01;
    assertThat(status.neededHours()).isCloseTo(needed, within(1e-6));
    assertThat(status.met()).isEqualTo(300 >= needed);
    assertThat(status.remainingHours()).isCloseTo(Math.max(0, needed - 300), within(1e-6));
    assertThat(status.hoursPerHour()).isEqualTo(950);
    assertThat(status.power())
        .isCloseTo(atLeast(haltingFailures(0.01 * 300, 0.01), 3 * 0.01 * 300), within(1e-9));
  }

  private static final Gate EVIDENCE = new Gate(0.01, 3.0, 0.02, 0.02);

  private static Ring ring(Integer maxBakeMinutes) {
    return new Ring("ring1", 100, null, 60, 10, 0, Promotion.AUTO, EVIDENCE, maxBakeMinutes);
  }

  @Test
  void maxBakeMinutesCapsTheWaitAndTheVerdictSaysWhatWasCertified() {
    // Given a ring short of the exposure beta asks for: 1,000 device-hours at 1 crash per 100 h,
    // where 14.5 / 0.01 = 1,449 are needed
    RingCounts counts =
        aRing().atRisk(1_000, 1_000).control(10_000, 10_000).controlCrashed(100).build();
    GateRules rules = new GateRules(GateSettings.DEFAULTS);

    // When it has baked 2,879 and 2,880 minutes with a cap of 2,880
    GateResult before = rules.evaluate(new GateInput(ring(2_880), counts, 2_879));
    GateResult at = rules.evaluate(new GateInput(ring(2_880), counts, 2_880));
    GateResult uncapped = rules.evaluate(new GateInput(ring(null), counts, 100_000));

    // Then it waits until the cap, then passes saying what it had: 1,000 of the needed hours
    double needed = Certification.neededBaselineFailures(0.0075, 0.02, 3) / 0.01;
    assertThat(before.verdict()).isEqualTo(Verdict.WAIT);
    assertThat(uncapped.verdict()).isEqualTo(Verdict.WAIT);
    assertThat(at.verdict()).isEqualTo(Verdict.PASS);
    assertThat(at.detail())
        .startsWith("maxBakeMinutes (2880) reached without a halt; passing on what was certified:")
        .contains(
            "1,000 device-hours exposed, " + Figures.grouped(needed) + " needed", "(0.98 needed)");
  }

  @Test
  void maxBakeMinutesNeverOverridesAHalt() {
    // Given a ring whose release crashes 30 of 1,000 devices against 1 in 10,000 control devices
    RingCounts counts =
        aRing().atRisk(1_000, 2_000).crashed(30).control(10_000, 10_000).controlCrashed(1).build();

    // When it has baked past its cap
    GateResult result =
        new GateRules(GateSettings.DEFAULTS).evaluate(new GateInput(ring(2_880), counts, 5_000));

    // Then
    assertThat(result.verdict()).isEqualTo(Verdict.HALT);
  }
}
