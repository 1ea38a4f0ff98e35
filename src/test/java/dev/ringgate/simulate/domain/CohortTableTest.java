package dev.ringgate.simulate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ringgate.health.domain.RingCounts;
import dev.ringgate.health.domain.TenantEvidence;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gate's evidence per tenant adds up to the ring's counts (which SimulatedCountsTest holds to
 * the store's), and every row counts for its own tenant.
 */
class CohortTableTest {
  private static final int RINGS = 3;
  private static final int TENANTS = 7;
  private static final long NOW = 1_800_000_000_000L;

  @Test
  void theTenantsCountsAddUpToTheRingsCounts() {
    // Given 600 devices of seven tenants with random marks and reports in three rings
    SplittableRandom random = new SplittableRandom(7);
    CohortTable table = new CohortTable(600, d -> d % TENANTS);
    long[][] rows = new long[RINGS][TENANTS];
    for (int d = 0; d < 600; d++) {
      int ring = random.nextInt(RINGS);
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        long at = NOW - random.nextInt(7_200_000);
        long silent = at + random.nextInt(1_800_000);
        long early = at + random.nextInt(600_000);
        switch (random.nextInt(6)) {
          case 0 -> table.offered(d, ring, at, silent, early);
          case 1 -> table.checkedIn(d, ring, at, silent, early);
          case 2 -> table.control(d, ring, at, silent, early);
          case 3 -> table.installed(d, ring, at, silent, early);
          case 4 -> table.crashed(d, ring, at, silent, early);
          default -> table.heard(d, random.nextBoolean() ? at : CohortTable.none(), silent, early);
        }
      }
      if (table.has(d)) {
        rows[ring][d % TENANTS]++;
      }
    }

    // When both are counted at the same moment
    RingCounts[] byRing = table.counts(RINGS, NOW, NOW - 30 * 60_000L);
    CohortTable.ByTenant byTenant = table.byTenant(RINGS, TENANTS, NOW, NOW - 30 * 60_000L);

    // Then each ring's tenants add up to the ring, and each tenant has its own rows
    for (int r = 0; r < RINGS; r++) {
      RingCounts sum = RingCounts.NONE;
      for (int t = 0; t < TENANTS; t++) {
        assertThat(byTenant.participants(r, t)).isEqualTo(rows[r][t]);
        sum = TenantEvidence.plus(sum, byTenant.counts(r, t));
      }
      assertThat(sum)
          .usingRecursiveComparison()
          .ignoringFields("exposedHours", "controlHours")
          .as("ring %d", r)
          .isEqualTo(byRing[r]);
      assertThat(sum.exposedHours()).isCloseTo(byRing[r].exposedHours(), within(1e-6));
      assertThat(sum.controlHours()).isCloseTo(byRing[r].controlHours(), within(1e-6));
    }
  }
}
