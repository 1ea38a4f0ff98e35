package dev.ringgate.simulate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WaldBoundTest {
  @Test
  void bernoulliAverageSampleNumberFollowsWaldsFormula() {
    // p0 = 0.1, p1 = 0.3, alpha = beta = 0.05: drift 0.3 ln 3 + 0.7 ln(7/9) = 0.1536,
    // boundary 0.95 ln 19 + 0.05 ln(1/19) = 2.650 → about 17.3 devices
    assertThat(WaldBound.devices(0.1, 0.3, 0.05, 0.05)).isCloseTo(17.25, within(0.05));
  }

  @Test
  void aReleaseThatBreaksEveryDeviceNeedsAboutOneDevice() {
    assertThat(WaldBound.devices(1e-5, 1, 0.01, 0.05)).isLessThan(1);
  }

  @Test
  void poissonBoundShrinksAsTheRegressionGrows() {
    double perHour = 0.001 / 24;
    double three = WaldBound.deviceHours(perHour, 3, 0.01, 0.05);
    double ten = WaldBound.deviceHours(perHour, 10, 0.01, 0.05);
    assertThat(ten).isLessThan(three / 5);
    // 3x: drift 3λ ln 3 - 2λ = 1.296 λ; boundary 0.95 ln 95 + 0.05 ln(0.05/0.99) = 4.177
    assertThat(three).isCloseTo(4.177 / (1.2958 * perHour), within(100.0));
  }
}
