package dev.ringgate.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry's default size fits the heap; quotas default to half of it. */
class RegistryLimitsTest {
  private static final long MB = 1024L * 1024;

  @Test
  void theDefaultRegistrySizeFitsInHalfTheHeap() {
    // Given: heaps from small to large

    // When
    int small = RegistryLimits.fromHeap(512 * MB);
    int large = RegistryLimits.fromHeap(64 * 1024 * MB);

    // Then: at 256 bytes a device, half the heap at most; never more than ten million
    assertThat(small).isEqualTo(1_048_576);
    assertThat((long) small * RegistryLimits.BYTES_PER_DEVICE).isLessThanOrEqualTo(256 * MB);
    assertThat(large).isEqualTo(10_000_000);
  }

  @Test
  void aTenantWithoutItsOwnQuotaGetsTheDefaultQuota() {
    // Given
    RegistryLimits limits = new RegistryLimits(1_000, 500, Map.of("big", 900));

    // When / Then
    assertThat(limits.quotaOf("big")).isEqualTo(900);
    assertThat(limits.quotaOf("small")).isEqualTo(500);
  }
}
