package dev.ringgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.rollout.api.RolloutView.RatioEstimate;
import org.junit.jupiter.api.Test;

/** How the console writes the gate's ratio and its interval. */
class FmtTest {
  @Test
  void aRatioIsWrittenWithItsIntervalInTwoDigits() {
    assertThat(Fmt.ratio(new RatioEstimate(2.134, 0.9123, 4.81))).isEqualTo("≈ 2.1 (0.91–4.8)");
    assertThat(Fmt.ratio(new RatioEstimate(899.4, 120.6, 6_000))).isEqualTo("≈ 899 (121–∞)");
    assertThat(Fmt.ratio(new RatioEstimate(0.0421, 0.001, 1.7))).isEqualTo("≈ 0.042 (0–1.7)");
  }

  @Test
  void boundsTheDataLeaveOpenAreSaidPlainly() {
    assertThat(Fmt.ratio(new RatioEstimate(1_000, 12.3, 1_000))).isEqualTo("> 1000 (12–∞)");
    assertThat(Fmt.ratio(new RatioEstimate(0.001, 0.001, 3.0))).isEqualTo("< 0.001 (0–3)");
    assertThat(Fmt.ratio(null)).isEqualTo("–");
  }
}
