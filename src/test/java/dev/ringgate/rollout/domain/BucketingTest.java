package dev.ringgate.rollout.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketingTest {
  private static final int BINS = 100;

  /** Chi-square critical value for 99 degrees of freedom at p = 0.001. */
  private static final double CHI_SQUARE_CRITICAL = 148.23;

  @Test
  void positionsOfAMillionDevicesAreUniform() {
    // Given
    long[] bins = new long[BINS];
    int devices = 1_000_000;

    // When
    for (int i = 0; i < devices; i++) {
      int position = Bucketing.position("sensor", "device-" + i);
      bins[position / (Bucketing.POSITIONS / BINS)]++;
    }

    // Then
    double expected = devices / (double) BINS;
    double chiSquare = 0;
    for (long observed : bins) {
      chiSquare += (observed - expected) * (observed - expected) / expected;
      assertThat((double) observed).isBetween(expected * 0.97, expected * 1.03);
    }
    assertThat(chiSquare).isLessThan(CHI_SQUARE_CRITICAL);
  }

  @Test
  void anotherProductPlacesTheSameDeviceElsewhere() {
    // A device that is in every product's canary would carry every product's risk.
    int same = 0;
    for (int i = 0; i < 10_000; i++) {
      String device = "device-" + i;
      if (Bucketing.bucket("sensor", device) / 100
          == Bucketing.bucket("channel-files", device) / 100) {
        same++;
      }
    }
    assertThat(same).isBetween(50, 150);
  }

  @Test
  void positionsAreFixedAcrossRestartsAndVersions() {
    // These values are part of the contract: if they change, every device changes ring.
    assertThat(Bucketing.position("sensor", "device-1")).isEqualTo(EXPECTED_DEVICE_1);
    assertThat(Bucketing.position("sensor", "host-42.example.org")).isEqualTo(EXPECTED_HOST_42);
    assertThat(Bucketing.bucket("sensor", "device-1")).isEqualTo(EXPECTED_DEVICE_1 / 100);
  }

  @Test
  void positionsStayInRange() {
    for (int i = 0; i < 100_000; i++) {
      assertThat(Bucketing.position("p" + (i % 7), "d" + i)).isBetween(0, Bucketing.POSITIONS - 1);
    }
  }

  static final int EXPECTED_DEVICE_1 = 414_108;
  static final int EXPECTED_HOST_42 = 437_962;
}
