package dev.ringgate.simulate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ringgate.health.CohortDelta;
import dev.ringgate.health.CohortStore;
import dev.ringgate.health.RingCountsStore;
import dev.ringgate.health.domain.RingCounts;
import dev.ringgate.store.Store;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The simulator counts a rollout's devices as the service's store does: the same check-in marks and
 * reports, written through {@link CohortStore} and into the simulator's table, give the same {@link
 * RingCounts} in every ring.
 */
@QuarkusTest
class SimulatedCountsTest {
  private static final int RINGS = 3;
  private static final long NOW = 1_800_000_000_000L;

  @Inject Store store;
  @Inject CohortStore cohorts;
  @Inject RingCountsStore counts;

  @Test
  void simulatorCountsEveryRingAsTheStoreDoes() {
    // Given 400 devices with random marks and reports in three rings
    String rollout = "rol-simcounts-" + System.nanoTime();
    SplittableRandom random = new SplittableRandom(42);
    CohortTable table = new CohortTable(400);
    for (int d = 0; d < 400; d++) {
      String device = "dev-" + d;
      int ring = random.nextInt(RINGS);
      List<CohortDelta> upserts = new ArrayList<>();
      List<CohortDelta> touches = new ArrayList<>();
      int steps = 1 + random.nextInt(5);
      for (int k = 0; k < steps; k++) {
        long at = NOW - random.nextInt(7_200_000);
        long silent = at + random.nextInt(1_800_000);
        long early = at + random.nextInt(900_000);
        switch (random.nextInt(7)) {
          case 0 -> {
            upserts.add(CohortDelta.offered(rollout, device, ring, at, silent, early));
            table.offered(d, ring, at, silent, early);
          }
          case 1 -> {
            upserts.add(CohortDelta.checkedIn(rollout, device, ring, at, silent, early));
            table.checkedIn(d, ring, at, silent, early);
          }
          case 2 -> {
            upserts.add(CohortDelta.control(rollout, device, ring, at, silent, early));
            table.control(d, ring, at, silent, early);
          }
          case 3 -> {
            upserts.add(CohortDelta.installed(rollout, device, ring, at, silent, early));
            table.installed(d, ring, at, silent, early);
          }
          case 4 -> {
            upserts.add(CohortDelta.crashed(rollout, device, ring, at, silent, early));
            table.crashed(d, ring, at, silent, early);
          }
          default -> {
            Long crash = random.nextBoolean() ? at : null;
            touches.add(CohortDelta.heard(rollout, device, crash, silent, early));
            table.heard(d, crash == null ? CohortTable.none() : crash, silent, early);
          }
        }
        // each step is its own commit, as check-ins and reports arrive one after another
        store.inTransaction(
            c -> {
              cohorts.upsert(c, List.copyOf(upserts));
              cohorts.touch(c, List.copyOf(touches));
              return null;
            });
        upserts.clear();
        touches.clear();
      }
    }

    // When both count at the same moment
    Map<Integer, RingCounts> stored = store.read(c -> counts.counts(c, rollout, NOW));
    RingCounts[] simulated = table.counts(RINGS, NOW, NOW - 30 * 60_000L);

    // Then every figure of every ring agrees
    for (int ring = 0; ring < RINGS; ring++) {
      RingCounts s = stored.getOrDefault(ring, RingCounts.NONE);
      RingCounts m = simulated[ring];
      assertThat(s.atRisk()).as("ring %d has devices", ring).isPositive();
      assertThat(s.earlySilent()).as("ring %d has early-silent devices", ring).isPositive();
      assertThat(m)
          .usingRecursiveComparison()
          .ignoringFields("exposedHours", "controlHours")
          .as("ring %d", ring)
          .isEqualTo(s);
      assertThat(m.exposedHours()).isCloseTo(s.exposedHours(), within(1e-6));
      assertThat(m.controlHours()).isCloseTo(s.controlHours(), within(1e-6));
    }
  }
}
