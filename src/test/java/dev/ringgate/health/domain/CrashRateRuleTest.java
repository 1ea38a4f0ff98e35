package dev.ringgate.health.domain;

import static dev.ringgate.health.domain.RingCountsBuilder.aRing;
import static dev.ringgate.health.domain.RingCountsBuilder.canary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.release.domain.Gate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The verdicts of {@link CrashRateRule} on counts a release manager would recognise. */
class CrashRateRuleTest {
  private static final Gate GATE = new Gate(0.01, 2.0, 0.02);
  private static final Gate NO_MAX_CRASH_RATE = new Gate(0.01, 2.0, null);

  private static GateResult judge(Gate gate, GateSettings settings, RingCounts counts) {
    return new CrashRateRule(settings).evaluate(new GateInput(canary(gate), counts, 120));
  }

  private static GateResult judge(RingCounts counts) {
    return judge(GATE, GateSettings.DEFAULTS, counts);
  }

  @Test
  void aHaltSaysWhatFailedAgainstWhatAndHowStrongTheEvidenceIs() {
    // Given 12 of 40 exposed devices failed in 40 device-hours, 1 of 900 control devices in 3,600
    RingCounts counts =
        aRing().atRisk(40, 40).crashed(9).silent(3).control(900, 3_600).controlCrashed(1).build();

    // When
    GateResult result = judge(counts);

    // Then the evidence is 3/4 of the crash and silence test's 9.0e17 (plus 1/4 of the early
    // test's 1: no device missed a check-in)
    assertThat(result.verdict()).isEqualTo(Verdict.HALT);
    assertThat(result.detail())
        .isEqualTo(
            "exposed 12 failed (9 crashed, 3 silent) of 40 at risk vs control 1 failed of 900;"
                + " evidence 6.8e17 ≥ 100 (1/alpha): crash-rate ratio ≈ 899 (tolerated 2.0)");
    assertThat(result.cause()).isEqualTo(HaltCause.CRASH_RATE);
  }

  @Test
  void oneBootLoopingDeviceIsOneFailureHoweverManyCrashesItReports() {
    // Given a device that reported 500 crashes is one crashed device among 1,000 at risk,
    // next to a control group failing at its usual rate
    RingCounts oneDevice =
        aRing().atRisk(1_000, 1_000).crashed(1).control(1_000, 4_000).controlCrashed(10).build();

    // When
    GateResult result = judge(oneDevice);

    // Then it is weighed as one failure: no halt
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.detail()).startsWith("exposed 1 failed (1 crashed, 0 silent) of 1000");
  }

  @Test
  void fiveHundredCrashedDevicesInTheSameRingHalt() {
    // Given the storm of the test above, but from 500 distinct devices
    RingCounts manyDevices =
        aRing().atRisk(1_000, 1_000).crashed(500).control(1_000, 4_000).controlCrashed(10).build();

    // When
    GateResult result = judge(manyDevices);

    // Then
    assertThat(result.verdict()).isEqualTo(Verdict.HALT);
  }

  @Test
  void installersThatFallSilentWithoutReportingHalt() {
    // Given 30 devices told to install, 25 of which never checked in again, and a quiet control
    RingCounts counts =
        aRing().atRisk(30, 30).exposed(5).silent(25).control(900, 2_700).controlSilent(2).build();

    // When
    GateResult result = judge(counts);

    // Then
    assertThat(result.verdict()).isEqualTo(Verdict.HALT);
    assertThat(result.detail()).startsWith("exposed 25 failed (0 crashed, 25 silent) of 30");
    assertThat(result.cause()).isEqualTo(HaltCause.SILENCE);
  }

  @Test
  void silenceThatTheControlGroupSharesDoesNotHalt() {
    // Given night: 40 % of the exposed devices are silent, and 40 % of the control group too
    RingCounts counts =
        aRing().atRisk(30, 30).silent(12).control(900, 2_700).controlSilent(360).build();

    // When
    GateResult result = judge(counts);

    // Then
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.detail()).contains("crash-rate ratio ≈ 0.97");
  }

  @Test
  void withoutAControlGroupCrashesWellAboveTheMaxCrashRateHalt() {
    // Given no control group, and 15 of 200 devices crashed (5 more silent) where 2 % are
    // tolerated
    RingCounts counts = aRing().atRisk(200, 200).crashed(15).silent(5).build();

    // When
    GateResult result = judge(counts);

    // Then the crashes alone halt, and the verdict says the silence was not judged
    assertThat(result.verdict()).isEqualTo(Verdict.HALT);
    assertThat(result.detail())
        .isEqualTo(
            "no control group (0 devices, 20 needed): crashes only; silence needs a control:"
                + " exposed 15 crashed of 200 at risk = 7.5 % vs tolerated 2.0 % (5 silent, not"
                + " judged); evidence 1453 ≥ 100 (1/alpha)");
    assertThat(result.cause()).isEqualTo(HaltCause.CRASH_RATE);
  }

  @Test
  void withoutAControlGroupNightlySilenceDoesNotHalt() {
    // Given a canary whose control is gone (4 own control devices, 20 needed) at night: 7 of 53
    // devices switched off and silent, 9 early silent, none crashed
    RingCounts counts = aRing().atRisk(53, 53).silent(7).earlySilent(9, 0).control(4, 10).build();

    // When
    GateResult result = judge(counts);

    // Then nothing is halted: without a control, night cannot be told from a silent brick
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.detail())
        .startsWith(
            "no control group (4 devices, 20 needed): crashes only; silence needs a control:"
                + " exposed 0 crashed of 53 at risk = 0 % vs tolerated 2.0 % (7 silent, 9 early"
                + " silent, not judged)");
  }

  @Test
  void theSameSilenceAgainstAControlThatStaysOnlineHalts() {
    // Given the ring above, but with 900 control devices of which 2 are silent
    RingCounts counts =
        aRing()
            .atRisk(53, 53)
            .silent(7)
            .earlySilent(9, 2)
            .control(900, 2_700)
            .controlSilent(2)
            .build();

    // When
    GateResult result = judge(counts);

    // Then silence is judged against the control, and halts
    assertThat(result.verdict()).isEqualTo(Verdict.HALT);
    assertThat(result.cause()).isEqualTo(HaltCause.SILENCE);
    assertThat(result.detail()).startsWith("exposed 7 failed (0 crashed, 7 silent) of 53 at risk");
  }

  @Test
  void aControlGroupBelowItsMinimumIsNotComparedWith() {
    // Given 12 control devices (20 needed) that happen to fail as often as the exposed ones
    RingCounts counts =
        aRing().atRisk(200, 200).crashed(15).control(12, 200).controlCrashed(1).build();

    // When
    GateResult result = judge(counts);

    // Then the ring is judged against its maxCrashRate
    assertThat(result.verdict()).isEqualTo(Verdict.HALT);
    assertThat(result.detail()).startsWith("no control group (12 devices, 20 needed)");
  }

  @Test
  void withoutAControlGroupNoFailuresPass() {
    // Given
    RingCounts counts = aRing().atRisk(50, 50).build();

    // When
    GateResult result = judge(counts);

    // Then
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void aRingWithoutMaxCrashRateIsJudgedAgainstTheDefault() {
    // Given 15 of 200 failed, no control group, and no maxCrashRate on the ring
    RingCounts counts = aRing().atRisk(200, 200).crashed(15).build();

    // When
    GateResult result = judge(NO_MAX_CRASH_RATE, GateSettings.DEFAULTS, counts);

    // Then the default of 2 % applies
    assertThat(result.verdict()).isEqualTo(Verdict.HALT);
    assertThat(result.detail()).contains("vs tolerated 2.0 %");
  }

  @Test
  void aLenientDefaultMaxCrashRateIsHonoured() {
    // Given the same ring, where the service tolerates 10 % by default
    RingCounts counts = aRing().atRisk(200, 200).crashed(15).build();
    GateSettings lenient = new GateSettings(20, 0.1, 3, 0.5, 30);

    // When
    GateResult result = judge(NO_MAX_CRASH_RATE, lenient, counts);

    // Then
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.detail()).contains("= 7.5 % vs tolerated 10 %");
  }

  @Test
  void aRatioAboveTheToleranceThatIsNotSignificantPassesTheBurdenOfProofIsOnHarm() {
    // Given 2 failures on 10 % of the device-hours and 2 on the rest: a ratio of about 9,
    // from four failures
    RingCounts counts =
        aRing().atRisk(50, 100).crashed(2).control(300, 900).controlCrashed(2).build();

    // When
    GateResult result = judge(counts);

    // Then it does not wait on whether a crash fell in a small group: no halt, so it passes
    // (evidence 3/4 of the crash test's 3.6, plus 1/4)
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.detail())
        .contains("evidence 3.0 < 100 (1/alpha)", "crash-rate ratio ≈ 9.0", "no harm shown");
  }

  @Test
  void theFastPathFiresOnRecentlyExposedDevicesCrashingTogether() {
    // Given 5 of the 6 devices exposed in the last 30 minutes crashed
    RingCounts counts = aRing().atRisk(6, 1).crashed(5).recent(6, 5).build();

    // When
    GateResult result = judge(counts);

    // Then
    assertThat(result.verdict()).isEqualTo(Verdict.HALT);
    assertThat(result.detail())
        .isEqualTo("catastrophic: 5 of 6 devices exposed in the last 30 minutes crashed");
    assertThat(result.cause()).isEqualTo(HaltCause.CATASTROPHIC);
  }

  @Test
  void aSingleEarlyCrashDoesNotHalt() {
    // Given the first device of a ring crashed (one device is below the fast path's minimum of 3)
    RingCounts counts = aRing().atRisk(1, 0.2).crashed(1).recent(1, 1).build();

    // When
    GateResult result = judge(counts);

    // Then it does not halt (the ring's bake time and minDevices make it wait, not this rule)
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.detail()).contains("= 100 % vs tolerated 2.0 %", "evidence 13 < 100");
  }

  private static final Gate EVIDENCE = new Gate(0.01, 3.0, 0.02, 0.02);

  @Test
  void withBetaAQuietRingWaitsForTheExposureThatCertifiesIt() {
    // Given a ring with no failures; its control had 2 crashes in 4,000 device-hours (5e-4 per
    // device-hour); 8,000 devices run the release, 16,000 device-hours so far
    RingCounts quiet =
        aRing().atRisk(8_000, 16_000).control(2_000, 4_000).controlCrashed(2).build();

    // When the gate asks for beta 0.02 against a threefold regression
    GateResult result = judge(EVIDENCE, GateSettings.DEFAULTS, quiet);

    // Then it needs mu* = 14.5 expected baseline crashes at the crash test's 3/4 of alpha, 29,000
    // device-hours: 13,000 more, about 1.6 h at 8,000 device-hours per hour
    double needed = Certification.neededBaselineFailures(0.0075, 0.02, 3.0) / 5e-4;
    assertThat(needed).isBetween(28_800.0, 29_200.0);
    assertThat(result.verdict()).isEqualTo(Verdict.WAIT);
    assertThat(result.detail())
        .contains(
            "; needs "
                + Figures.grouped(needed - 16_000)
                + " more device-hours, about 1.6 h at"
                + " the current rate",
            "16,000 device-hours exposed, " + Figures.grouped(needed) + " needed",
            "a release 3.0 times worse would have been halted with probability",
            "(0.98 needed)");
  }

  @Test
  void withBetaTheNeededExposureDoesNotDependOnTheReleasesOwnFailures() {
    // Given the same exposure and control, with no failure or with 3 on the release (no halt)
    RingCounts none = aRing().atRisk(8_000, 16_000).control(2_000, 4_000).controlCrashed(2).build();
    RingCounts some =
        aRing().atRisk(8_000, 16_000).crashed(3).control(2_000, 4_000).controlCrashed(2).build();

    // When
    Certification.Status a = CrashRateRule.certification(none, EVIDENCE, GateSettings.DEFAULTS);
    Certification.Status b = CrashRateRule.certification(some, EVIDENCE, GateSettings.DEFAULTS);

    // Then the amount is the same: it is computed from the baseline, not from where crashes fell
    assertThat(judge(EVIDENCE, GateSettings.DEFAULTS, some).verdict()).isNotEqualTo(Verdict.HALT);
    assertThat(a.neededHours()).isEqualTo(b.neededHours());
    assertThat(a.remainingHours()).isEqualTo(b.remainingHours());
  }

  @Test
  void withBetaARingPassesOnceItsExposureIsEnough() {
    // Given 80 of 100 crashes on the release, which has 80 % of the device-hours; the control's
    // rate is 1e-3 per device-hour, so 14,500 device-hours suffice (mu* = 14.5 at the crash
    // test's 3/4 of alpha) and the ring has 80,000
    RingCounts healthy =
        aRing().atRisk(8_000, 80_000).crashed(80).control(2_000, 20_000).controlCrashed(20).build();

    // When
    GateResult result = judge(EVIDENCE, GateSettings.DEFAULTS, healthy);

    // Then
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.detail())
        .contains("80,000 device-hours exposed, 14,493 needed", "halted with probability 1.0");
  }

  @Test
  void withBetaARingWithoutAControlGroupWaitsItsBaselineIsUnknown() {
    RingCounts alone = aRing().atRisk(8_000, 16_000).build();
    GateResult result = judge(EVIDENCE, GateSettings.DEFAULTS, alone);
    assertThat(result.verdict()).isEqualTo(Verdict.WAIT);
    assertThat(result.detail()).contains("no control group yet to measure the baseline by");
    assertThat(judge(new Gate(0.01, 3.0, 0.02), GateSettings.DEFAULTS, alone).verdict())
        .isEqualTo(Verdict.PASS);
  }

  @Test
  void withoutBetaThereIsNothingToCertify() {
    RingCounts counts =
        aRing().atRisk(8_000, 80_000).control(2_000, 20_000).controlCrashed(20).build();
    assertThat(
            CrashRateRule.certification(counts, new Gate(0.01, 3.0, 0.02), GateSettings.DEFAULTS))
        .isNull();
  }

  @Test
  void withBetaAThreeFoldRegressionDoesNotPassWhereTheClockWouldHaveLetItGo() {
    // Given the first crashes of a ring: 4 on the release, 1 in the control group, whose
    // device-hours are a fifth of the total (a ratio of 1 expects 4 and 1)
    RingCounts early =
        aRing().atRisk(8_000, 16_000).crashed(4).control(2_000, 4_000).controlCrashed(1).build();

    // When judged with and without beta
    GateResult withBeta = judge(EVIDENCE, GateSettings.DEFAULTS, early);
    GateResult without = judge(new Gate(0.01, 3.0, 0.02), GateSettings.DEFAULTS, early);

    // Then neither halts yet; only the gate without beta would let the ring go
    assertThat(withBeta.verdict()).isEqualTo(Verdict.WAIT);
    assertThat(without.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void devicesThatMissTheCheckInAfterTheOfferHaltBeforeTheyCountAsSilent() {
    // Given 3 of 30 devices told to install missed the check-in after the offer (none has missed
    // three yet), while 10 of 100,000 control devices missed theirs
    RingCounts counts = aRing().atRisk(30, 5).control(100_000, 50_000).earlySilent(3, 10).build();

    // When
    GateResult result = judge(counts);

    // Then 3 of the 13 early-silent devices are on the release, which has 0.03 % of the devices
    assertThat(result.verdict()).isEqualTo(Verdict.HALT);
    assertThat(result.cause()).isEqualTo(HaltCause.SILENCE);
    assertThat(result.detail()).contains("(0 crashed, 0 silent)", "early silent 3 vs control 10");
  }

  @Test
  void earlySilenceAtTheControlsRateDoesNotHalt() {
    // Given 2 % of the exposed devices and 2 % of the control devices missed their last check-in
    RingCounts counts =
        aRing().atRisk(500, 250).control(100_000, 50_000).earlySilent(10, 1_990).build();

    // When
    GateResult result = judge(counts);

    // Then
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void earlySilenceAloneHaltsAtItsQuarterOfAlpha() {
    // Given 200 exposed devices next to 9,800 control devices (2 % of the devices), 20 control
    // devices early-silent and x exposed ones, x = 1 to 8
    boolean betweenThresholds = false;
    for (long x = 1; x <= 8; x++) {
      RingCounts counts =
          aRing().atRisk(200, 100).control(10_000, 5_000).earlySilent(x, 20).build();
      double early = Math.exp(MixtureEvidence.logEvidence(x, x + 20, 200 / 10_000.0));

      // When
      GateResult result = judge(counts);

      // Then it halts exactly when 3/4 * 1 + 1/4 * M_early reaches 1/alpha = 100
      boolean halts = 0.75 + 0.25 * early >= 100;
      assertThat(result.verdict()).as("x = %d", x).isEqualTo(halts ? Verdict.HALT : Verdict.PASS);
      betweenThresholds |= early >= 100 && !halts;
    }
    assertThat(betweenThresholds).as("some x has M_early between 100 and 397").isTrue();
  }

  @Test
  void theQuickHaltCheckAgreesWithTheVerdict() {
    // Given 20,000 random rings, with and without a control group, some catastrophic
    SplittableRandom random = new SplittableRandom(5);
    GateRules rules = new GateRules(GateSettings.DEFAULTS);
    int halts = 0;
    for (int i = 0; i < 20_000; i++) {
      long atRisk = random.nextInt(400);
      long crashed = atRisk == 0 ? 0 : random.nextLong(atRisk / 4 + 1);
      long silent = random.nextLong(atRisk - crashed + 1) / 4;
      long control = random.nextBoolean() ? random.nextInt(5_000) : random.nextInt(25);
      long controlCrashed = control == 0 ? 0 : random.nextLong(control / 50 + 1);
      long controlSilent = random.nextLong(control - controlCrashed + 1) / 20;
      long recent = random.nextLong(atRisk + 1);
      long early = random.nextLong(atRisk - crashed + 1) / 8;
      RingCounts counts =
          new RingCounts(
              atRisk,
              atRisk,
              crashed,
              silent,
              control,
              controlCrashed,
              controlSilent,
              atRisk * (1 + random.nextDouble() * 24),
              control * (1 + random.nextDouble() * 24),
              recent,
              Math.min(recent, random.nextLong(crashed + 1)),
              control - controlCrashed,
              early,
              random.nextLong(control - controlCrashed + 1) / 50);
      Gate gate = random.nextBoolean() ? GATE : new Gate(0.01, 3.0, 0.02, 0.02);
      GateInput input = new GateInput(canary(gate), counts, random.nextInt(300));

      // When the quick check and the full verdict judge it
      boolean quick = rules.halts(input);
      boolean full = rules.evaluate(input).verdict() == Verdict.HALT;

      // Then they agree
      assertThat(quick).as("%s", counts).isEqualTo(full);
      halts += full ? 1 : 0;
    }
    assertThat(halts).as("rings halted").isBetween(1_000, 19_000);
  }
}
