package dev.ringgate.health.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.health.domain.RingSimulation.Outcome;
import dev.ringgate.health.domain.RingSimulation.Scenario;
import dev.ringgate.release.domain.Gate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A release that crashes several times as often as the one before it is halted, and a grossly worse
 * one before most of the canary has it. 500 seeded canaries each: 1,200 devices, of which a ramp
 * admits 200 over 6 hours (3, 6, 12, 25, 50, 100, then 200 devices) and 1,000 stay on the old
 * version as the control group; the rule is evaluated every 10 minutes for 24 hours at alpha 0.01.
 *
 * <p>The baseline is 1 % of devices crashing per hour. A real fleet's 0.1 % per day would give
 * these 1,000 control devices one crash in ten days, and the test nothing to compare. What the
 * test's power depends on is the number of failures per hour, not the rate: 1,000 devices at 1 %
 * per hour fail as often as 240,000 at 0.1 % per day, the size of a 0.1 % canary in a fleet of 240
 * million or a 10 % ring in one of 2.4 million.
 */
class DetectionTest {
  private static final int RUNS = 500;
  private static final long SEED = 8_500_000;
  private static final Gate GATE = new Gate(0.01, 2.0, null);

  @Test
  void aThreefoldRegressionIsHaltedInNearlyEveryCanary() {
    // Given
    Scenario threefold = canary(3.0);

    // When
    Detections detections = detect(threefold);
    System.out.printf(
        "DETECTION 3x: %d of %d halted, median exposed %d%n",
        detections.halted(), RUNS, detections.medianExposed());

    // Then
    assertThat(detections.halted())
        .as(
            "canaries halted of %d; median exposed at the halt %d",
            RUNS, detections.medianExposed())
        .isGreaterThanOrEqualTo(RUNS * 98 / 100);
  }

  @Test
  void aTenfoldRegressionIsHaltedBeforeMostOfTheCanaryHasIt() {
    // Given
    Scenario tenfold = canary(10.0);

    // When
    Detections detections = detect(tenfold);
    System.out.printf(
        "DETECTION 10x: %d of %d halted, median exposed %d%n",
        detections.halted(), RUNS, detections.medianExposed());

    // Then every canary halts, typically with fewer than a quarter of its 200 devices exposed
    assertThat(detections.halted())
        .as(
            "canaries halted of %d; median exposed at the halt %d",
            RUNS, detections.medianExposed())
        .isEqualTo(RUNS);
    assertThat(detections.medianExposed()).as("median exposed at the halt").isLessThan(50);
  }

  private static Scenario canary(double ratio) {
    return new Scenario(1_200, 0, 1.0 / 6, 6, 0, 0, 0.01, 0, ratio, 0, 14, 24, 1.0 / 6);
  }

  private static Detections detect(Scenario scenario) {
    CrashRateRule rule = new CrashRateRule(GateSettings.DEFAULTS);
    List<Long> exposedAtHalt = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      Outcome outcome =
          new RingSimulation(scenario, SEED + run)
              .run(
                  counts ->
                      rule.evaluate(new GateInput(RingCountsBuilder.canary(GATE), counts, 60))
                              .verdict()
                          == Verdict.HALT);
      if (outcome.stopped()) {
        exposedAtHalt.add(outcome.exposedAtStop());
      }
    }
    Collections.sort(exposedAtHalt);
    long median = exposedAtHalt.isEmpty() ? -1 : exposedAtHalt.get(exposedAtHalt.size() / 2);
    return new Detections(exposedAtHalt.size(), median);
  }

  private record Detections(int halted, long medianExposed) {}
}
