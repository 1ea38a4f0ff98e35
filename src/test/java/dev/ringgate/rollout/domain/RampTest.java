package dev.ringgate.rollout.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RampTest {
  private static final long MINUTE = 60_000;

  @ParameterizedTest(name = "after {0} of 60 minutes: {1} positions")
  @CsvSource({
    // a ring from 10 bp (1,000 positions) to 100 bp (10,000): an increment of 9,000 positions
    "0, 1140", // 9000/64 = 140
    "9, 1140",
    "10, 1281", // 9000*2/64 = 281
    "20, 1562",
    "30, 2125",
    "40, 3250",
    "50, 5500",
    "59, 5500",
    "60, 10000",
    "600, 10000"
  })
  void theIncrementDoublesSixTimesOverTheRamp(int minutes, int positions) {
    assertThat(Ramp.admittedPositions(10, 100, 60, minutes * MINUTE)).isEqualTo(positions);
  }

  @Test
  void aRingWithoutRampAdmitsItsWholeShareAtOnce() {
    assertThat(Ramp.admittedPositions(10, 100, 0, 0)).isEqualTo(10_000);
  }

  @Test
  void beforeTheRingStartsOnlyThePreviousShareIsAdmitted() {
    assertThat(Ramp.admittedPositions(10, 100, 60, -1)).isEqualTo(1_000);
  }

  @Test
  void aCanaryOfTenBasisPointsStartsWithAboutFifteenDevicesPerMillion() {
    assertThat(Ramp.admittedPositions(0, 10, 30, 0)).isEqualTo(15);
    assertThat(Ramp.admittedBp(0, 10, 30, 0)).isEqualTo(0.15);
  }

  @Test
  void aRingThatAddsNothingIsOpenAtOnce() {
    assertThat(Ramp.admittedPositions(100, 100, 60, 0)).isEqualTo(10_000);
  }
}
