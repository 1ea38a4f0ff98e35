package dev.ringgate.health.domain;

import static dev.ringgate.health.domain.RingCountsBuilder.aRing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole fleet as control: rings not reached yet lend their control to every ring reached. */
class FleetControlTest {
  private static RingCounts controlOnly(
      long devices, double hours, long crashed, long silent, long now, long early) {
    return new RingCounts(0, 0, 0, 0, devices, crashed, silent, 0, hours, 0, 0, now, 0, early);
  }

  @Test
  void everyRingReachedGetsTheControlOfTheRingsNotReachedYet() {
    // Given four rings, the rollout in ring 1; rings 2 and 3 hold control devices only
    RingCounts canary = aRing().atRisk(10, 5).crashed(1).control(20, 40).controlCrashed(1).build();
    RingCounts second = aRing().atRisk(50, 20).silent(2).control(30, 60).build();
    RingCounts[] byRing = {
      canary, second, controlOnly(100, 300, 3, 4, 90, 6), controlOnly(1_000, 2_000, 7, 8, 980, 9)
    };

    // When
    RingCounts[] pooled = FleetControl.pooled(byRing, 1);

    // Then rings 0 and 1 count 1,100 more control devices, their failures and hours
    assertThat(pooled[0].control()).isEqualTo(20 + 100 + 1_000);
    assertThat(pooled[0].controlCrashed()).isEqualTo(1 + 3 + 7);
    assertThat(pooled[0].controlSilent()).isEqualTo(4 + 8);
    assertThat(pooled[0].controlEarlySilent()).isEqualTo(6 + 9);
    assertThat(pooled[0].controlHours()).isCloseTo(40 + 300 + 2_000, within(1e-9));
    assertThat(pooled[0].controlNow()).isEqualTo(canary.controlNow() + 90 + 980);
    assertThat(pooled[1].control()).isEqualTo(30 + 100 + 1_000);
    assertThat(pooled[1].controlHours()).isCloseTo(60 + 300 + 2_000, within(1e-9));
    // and their own exposed figures are untouched
    assertThat(pooled[0].atRisk()).isEqualTo(10);
    assertThat(pooled[0].crashed()).isEqualTo(1);
    assertThat(pooled[0].exposedHours()).isEqualTo(5);
    assertThat(pooled[1].silent()).isEqualTo(2);
    // the rings not reached are returned as they are, and the input is not changed
    assertThat(pooled[2]).isSameAs(byRing[2]);
    assertThat(pooled[3]).isSameAs(byRing[3]);
    assertThat(byRing[0]).isSameAs(canary);
  }

  @Test
  void aReachedRingWithoutDevicesGetsTheFleetsControlAndTheLastRingOnlyItsOwn() {
    // Given ring 0 has no devices yet; ring 1 has 40 control devices
    RingCounts[] byRing = {null, controlOnly(40, 80, 2, 1, 40, 3)};

    // When the rollout is in ring 0, and later in the last ring
    RingCounts first = FleetControl.pooled(byRing, 0)[0];
    RingCounts[] last = FleetControl.pooled(byRing, 1);

    // Then ring 0 is compared with ring 1's devices; in the last ring nothing is left to pool
    assertThat(first.control()).isEqualTo(40);
    assertThat(first.controlCrashed()).isEqualTo(2);
    assertThat(first.atRisk()).isZero();
    assertThat(last[0]).isEqualTo(RingCounts.NONE);
    assertThat(last[1]).isEqualTo(byRing[1]);
  }

  @Test
  void aTenantAboveItsShareOfTheUnreachedRingsCountsAtItsShare() {
    // Given t2 holds 30 of the 40 established devices of the rings not reached (3/4), but only
    // 3/7 of the product's established devices; all 30 reported a crash on the old version
    TenantCounts t1 = new TenantCounts("t1", controlOnly(10, 20, 0, 0, 10, 0), 10, 4 / 7.0);
    TenantCounts t2 = new TenantCounts("t2", controlOnly(30, 60, 30, 0, 0, 0), 30, 3 / 7.0);
    List<TenantCounts> beyond = List.of(t1, t2);

    // When t2's part is scaled to its share and added to a canary's control
    double weight = TenantEvidence.weight(t2, beyond);
    RingCounts canary = aRing().atRisk(20, 10).crashed(9).build();
    RingCounts pooled =
        FleetControl.plusControl(
            FleetControl.plusControl(canary, t1.counts()),
            TenantEvidence.scale(t2.counts(), weight));

    // Then it weighs (3/7) / (3/4) = 4/7 of its figures: 30 devices and crashes count as 17
    assertThat(weight).isCloseTo(4 / 7.0, within(1e-12));
    assertThat(TenantEvidence.weight(t1, beyond)).isEqualTo(1);
    assertThat(pooled.control()).isEqualTo(10 + 17);
    assertThat(pooled.controlCrashed()).isEqualTo(17);
    assertThat(pooled.controlHours()).isCloseTo(20 + 60 * 4 / 7.0, within(1e-9));
    assertThat(pooled.crashed()).isEqualTo(9);
  }
}
