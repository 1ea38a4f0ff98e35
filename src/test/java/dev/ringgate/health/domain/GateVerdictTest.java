package dev.ringgate.health.domain;

import static dev.ringgate.health.domain.RingCountsBuilder.aRing;
import static dev.ringgate.health.domain.RingCountsBuilder.canary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.health.HealthGate;
import dev.ringgate.release.domain.Gate;
import dev.ringgate.release.domain.Promotion;
import dev.ringgate.release.domain.Ring;
import org.junit.jupiter.api.Test;

/**
 * The whole gate of a ring ({@link HealthGate}: bake time and devices, then the crash-rate test),
 * on a canary that bakes 60 minutes and needs 10 devices. It lives here, beside the rules it
 * combines, so that the domain tests run together.
 */
class GateVerdictTest {
  private static final Gate GATE = new Gate(0.01, 2.0, 0.02);
  private final HealthGate gate = new HealthGate(GateSettings.DEFAULTS);

  private GateResult judge(RingCounts counts, double bakedMinutes) {
    return gate.evaluate(new GateInput(canary(GATE), counts, bakedMinutes));
  }

  @Test
  void aCatastrophicReleaseHaltsBeforeBakeTimeAndMinDevices() {
    // Given 5 minutes into the canary, the 4 devices exposed so far all crashed
    RingCounts counts = aRing().atRisk(4, 0.2).crashed(4).recent(4, 4).build();

    // When
    GateResult result = judge(counts, 5);

    // Then
    assertThat(result.verdict()).isEqualTo(Verdict.HALT);
    assertThat(result.detail())
        .isEqualTo("catastrophic: 4 of 4 devices exposed in the last 30 minutes crashed");
  }

  @Test
  void aHealthyRingPassesAfterItsBakeTime() {
    // Given 90 minutes, 2 of 100 exposed devices failed, 19 of 900 control devices
    RingCounts counts = healthy();

    // When
    GateResult result = judge(counts, 90);

    // Then both rules pass, and say why
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.detail())
        .startsWith(
            "baked 90.0 minutes (at least 60 needed); 100 devices exposed (at least 10 needed);"
                + " exposed 2 failed")
        .contains("the data fit 1 at least as well as the tolerated 2.0");
  }

  @Test
  void aHealthyRingWaitsForItsBakeTime() {
    // Given
    RingCounts counts = healthy();

    // When
    GateResult result = judge(counts, 30);

    // Then
    assertThat(result.verdict()).isEqualTo(Verdict.WAIT);
    assertThat(result.detail()).startsWith("baking: 30.0 of 60 minutes");
  }

  @Test
  void aSuspiciousRatioThatIsNotSignificantPassesAfterBakeTime() {
    // Given 2 failures on 10 % of the device-hours, 2 on the rest: not significant, not tolerable
    RingCounts counts =
        aRing().atRisk(50, 100).crashed(2).control(300, 900).controlCrashed(2).build();

    // When
    GateResult result = judge(counts, 120);

    // Then no harm is shown, and the burden of proof is on harm
    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.detail()).contains("crash-rate ratio ≈ 9.0", "no harm shown");
  }

  @Test
  void maxBakeMinutesCapsTheWaitForEvidenceAndSaysWhatWasCertified() {
    // Given a ring whose gate asks for beta, capped at 240 minutes, short of the exposure it needs
    Gate evidence = new Gate(0.01, 3.0, 0.02, 0.02);
    Ring capped = new Ring("early", 100, null, 60, 10, 0, Promotion.AUTO, evidence, 240);
    RingCounts counts =
        aRing().atRisk(1_000, 2_000).control(5_000, 10_000).controlCrashed(2).build();

    // When judged before and at the cap
    GateResult before = gate.evaluate(new GateInput(capped, counts, 200));
    GateResult at = gate.evaluate(new GateInput(capped, counts, 240));

    // Then it waits for evidence, then passes on what it has, saying how little that certifies
    assertThat(before.verdict()).isEqualTo(Verdict.WAIT);
    assertThat(before.detail()).contains("more device-hours");
    assertThat(at.verdict()).isEqualTo(Verdict.PASS);
    assertThat(at.detail())
        .startsWith("maxBakeMinutes (240) reached without a halt; passing on what was certified")
        .contains(
            "2,000 device-hours exposed, ",
            "a release 3.0 times worse would have been halted with probability");
  }

  @Test
  void maxBakeMinutesNeverOverridesAHalt() {
    Ring capped = new Ring("canary", 10, null, 60, 10, 0, Promotion.AUTO, GATE, 60);
    RingCounts counts = aRing().atRisk(4, 0.2).crashed(4).recent(4, 4).build();
    assertThat(gate.evaluate(new GateInput(capped, counts, 600)).verdict()).isEqualTo(Verdict.HALT);
  }

  private static RingCounts healthy() {
    return aRing()
        .atRisk(100, 100)
        .crashed(1)
        .silent(1)
        .control(900, 2_700)
        .controlCrashed(10)
        .controlSilent(9)
        .build();
  }
}
