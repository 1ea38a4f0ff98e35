package dev.ringgate.simulate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ringgate.health.domain.RingCounts;
import dev.ringgate.health.domain.TenantEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
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

  @Test
  void countsKeptBetweenCountsAgreeWithCountingEveryRowAfresh() {
    // Given 300 devices of seven tenants marked, reported, held and released over six hours,
    // counted every ten minutes (rows that cannot change until they do are summed once)
    SplittableRandom random = new SplittableRandom(11);
    CohortTable kept = new CohortTable(300, d -> d % TENANTS);
    List<Consumer<CohortTable>> history = new ArrayList<>();
    long start = NOW - 6 * 3_600_000L;
    for (long now = start; now <= NOW; now += 600_000) {
      for (int k = 0; k < 40; k++) {
        int d = random.nextInt(300);
        int ring = d % RINGS;
        long at = now - random.nextInt(600_000);
        long silent = at + 900_000;
        long early = at + 420_000;
        long crash = random.nextBoolean() ? at : CohortTable.none();
        Consumer<CohortTable> change =
            switch (random.nextInt(8)) {
              case 0 -> t -> t.offered(d, ring, at, silent, early);
              case 1 -> t -> t.checkedIn(d, ring, at, silent, early);
              case 2 -> t -> t.control(d, ring, at, silent, early);
              case 3 -> t -> t.installed(d, ring, at, silent, early);
              case 4 -> t -> t.crashed(d, ring, at, silent, early);
              case 5 -> t -> t.hold(d);
              case 6 -> t -> t.release(d, silent, early);
              default -> t -> t.heard(d, crash, silent, early);
            };
        change.accept(kept);
        history.add(change);
      }

      // When the kept table is counted, and a table given the same history counts every row
      CohortTable.ByTenant counted = kept.byTenant(RINGS, TENANTS, now, now - 30 * 60_000L);
      CohortTable fresh = new CohortTable(300, d -> d % TENANTS);
      history.forEach(c -> c.accept(fresh));
      CohortTable.ByTenant recounted = fresh.byTenant(RINGS, TENANTS, now, now - 30 * 60_000L);

      // Then they agree, slot by slot
      for (int r = 0; r < RINGS; r++) {
        for (int t = 0; t < TENANTS; t++) {
          assertThat(counted.participants(r, t)).isEqualTo(recounted.participants(r, t));
          RingCounts a = counted.counts(r, t);
          RingCounts b = recounted.counts(r, t);
          assertThat(a)
              .usingRecursiveComparison()
              .ignoringFields("exposedHours", "controlHours")
              .as("ring %d tenant %d at %d", r, t, now)
              .isEqualTo(b);
          assertThat(a.exposedHours()).isCloseTo(b.exposedHours(), within(1e-6));
          assertThat(a.controlHours()).isCloseTo(b.controlHours(), within(1e-6));
        }
      }
    }
  }
}
