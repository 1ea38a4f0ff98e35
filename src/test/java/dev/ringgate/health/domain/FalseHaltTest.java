package dev.ringgate.health.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.health.domain.RingSimulation.Scenario;
import dev.ringgate.release.domain.Gate;
import org.junit.jupiter.api.Test;

/**
 * A release exactly as good as the one before it must rarely be halted, however often the gate
 * looks. Each test simulates 2,000 seeded rings of a healthy release and evaluates the rule after
 * every step of 30 minutes over 36 hours (72 looks); the share of rings ever halted must stay
 * within alpha, plus three binomial standard errors for the simulation's own noise.
 *
 * <p>Every ring: 300 devices, a fifth of them held back by policy (they stay in the control group),
 * a fifth coming online only during the first 18 hours; a ramp admits the rest from 1/64 to all in
 * six doublings over 12 hours. Every device, on either version, crashes at the same hazard per hour
 * switched on and falls silent for good at the same hazard per hour.
 */
class FalseHaltTest {
  private static final int RUNS = 2_000;
  private static final double STEP_HOURS = 0.5;
  private static final long SEED = 20_240_719;

  @Test
  void aHealthyReleaseIsRarelyHaltedHoweverOftenTheGateLooks() {
    // Given crashes at 1 % and silence at 0.5 % per device and hour, no night
    Scenario healthy =
        new Scenario(300, 0.2, 1.0, 12, 0.2, 18, 0.01, 0.005, 1.0, 0, 14, 36, STEP_HOURS);

    // When
    Shares halted = falseHalts(healthy, null);

    // Then
    halted.assertWithinAlpha();
  }

  @Test
  void nightSilenceInBothGroupsDoesNotHaltAHealthyRelease() {
    // Given the same ring starting at 14:00, where 60 % of the devices are switched off from
    // about 22:00 to 07:00 and fall silent, exposed or control alike
    Scenario night =
        new Scenario(300, 0.2, 1.0, 12, 0.2, 18, 0.01, 0.005, 1.0, 0.6, 14, 36, STEP_HOURS);

    // When
    Shares halted = falseHalts(night, null);

    // Then
    halted.assertWithinAlpha();
  }

  @Test
  void withoutAControlGroupAReleaseAtTheMaxCrashRateIsRarelyHalted() {
    // Given no ramp and nobody held back, so no control group; half the devices come online during
    // the first 18 hours; a device on the release from the start has crashed with probability 2 %
    // at 36 hours: exactly the tolerated maxCrashRate, the hardest healthy case (silence, not
    // judged without a control, comes on top)
    double perHour = -Math.log(1 - 0.02) / 36;
    Scenario noControl =
        new Scenario(300, 0, 1.0, 0, 0.5, 18, perHour, 0.3 * perHour, 1.0, 0, 14, 36, STEP_HOURS);

    // When
    Shares halted = falseHalts(noControl, 0.02);

    // Then
    halted.assertWithinAlpha();
  }

  /**
   * Runs the rule at alpha 0.05 after every step until it halts; from then on at 0.01 too. (A halt
   * at 0.01 is a halt at 0.05 on the same counts, so no halt at 0.01 is missed.)
   */
  private static Shares falseHalts(Scenario scenario, Double maxCrashRate) {
    CrashRateRule rule = new CrashRateRule(GateSettings.DEFAULTS);
    int haltedAt05 = 0;
    int haltedAt01 = 0;
    for (int run = 0; run < RUNS; run++) {
      Looks looks = new Looks(rule, maxCrashRate);
      new RingSimulation(scenario, SEED + run).run(looks::look);
      haltedAt05 += looks.haltedAt05 ? 1 : 0;
      haltedAt01 += looks.haltedAt01 ? 1 : 0;
    }
    return new Shares((double) haltedAt01 / RUNS, (double) haltedAt05 / RUNS);
  }

  private static final class Looks {
    private final CrashRateRule rule;
    private final Gate strict;
    private final Gate lenient;
    private boolean haltedAt05;
    private boolean haltedAt01;

    Looks(CrashRateRule rule, Double maxCrashRate) {
      this.rule = rule;
      this.strict = new Gate(0.01, 2.0, maxCrashRate);
      this.lenient = new Gate(0.05, 2.0, maxCrashRate);
    }

    /** Evaluates the rule on the counts after a step; true stops the run. */
    boolean look(RingCounts counts) {
      if (!haltedAt05) {
        haltedAt05 = halts(lenient, counts);
      }
      if (haltedAt05) {
        haltedAt01 = halts(strict, counts);
      }
      return haltedAt01;
    }

    private boolean halts(Gate gate, RingCounts counts) {
      GateInput input = new GateInput(RingCountsBuilder.canary(gate), counts, 36 * 60);
      return rule.evaluate(input).verdict() == Verdict.HALT;
    }
  }

  private record Shares(double at01, double at05) {
    void assertWithinAlpha() {
      // the figures docs/benchmarks.md quotes
      System.out.printf(
          "FALSE-HALTS alpha 0.01: %.2f %%, alpha 0.05: %.2f %%%n", at01 * 100, at05 * 100);
      assertThat(at01)
          .as("share of %d healthy rings halted at alpha 0.01", RUNS)
          .isLessThanOrEqualTo(allowed(0.01));
      assertThat(at05)
          .as("share of %d healthy rings halted at alpha 0.05", RUNS)
          .isLessThanOrEqualTo(allowed(0.05));
    }

    private static double allowed(double alpha) {
      return alpha + 3 * Math.sqrt(alpha * (1 - alpha) / RUNS);
    }
  }
}
