package dev.ringgate.release.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.kernel.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingPlanTest {
  private static final Gate GATE = new Gate(0.01, 2.0, null);

  private static Ring ring(String name, int shareBp) {
    return new Ring(name, shareBp, null, 10, 5, 0, Promotion.AUTO, GATE);
  }

  @Test
  void theDefaultPlanSatisfiesItsOwnRules() {
    assertThat(RingPlan.check(RingPlan.defaultPlan().rings())).isEmpty();
    assertThat(RingPlan.defaultPlan().onHalt()).isEqualTo(OnHalt.ROLLBACK);
  }

  @Test
  void equalSharesInARowAreAllowed() {
    // A ring of 0 % that selects lab devices, then a canary: shares may stay equal.
    assertThat(RingPlan.check(List.of(ring("lab", 0), ring("zero", 0), ring("all", 10_000))))
        .isEmpty();
  }

  @Test
  void aDecreasingShareIsNamedByItsPath() {
    List<Violation> violations =
        RingPlan.check(List.of(ring("a", 100), ring("b", 50), ring("c", 10_000)));
    assertThat(violations).extracting(Violation::field).containsExactly("rings[1].shareBp");
  }

  @Test
  void theLastRingMustCoverTheWholeFleet() {
    List<Violation> violations = RingPlan.check(List.of(ring("a", 100), ring("b", 9_999)));
    assertThat(violations).extracting(Violation::field).containsExactly("rings[1].shareBp");
  }

  @Test
  void namesMustBeUnique() {
    List<Violation> violations =
        RingPlan.check(List.of(ring("a", 100), ring("a", 1_000), ring("b", 10_000)));
    assertThat(violations).extracting(Violation::field).containsExactly("rings[1].name");
  }

  @Test
  void aPlanNeedsRingsButNotTooMany() {
    assertThat(RingPlan.check(List.of())).extracting(Violation::field).containsExactly("rings");
    List<Ring> many = new ArrayList<>();
    for (int i = 0; i < RingPlan.MAX_RINGS; i++) {
      many.add(ring("r" + i, i * 100));
    }
    many.add(ring("all", 10_000));
    assertThat(RingPlan.check(many)).extracting(Violation::field).containsExactly("rings");
  }

  @Test
  void aMissingOnHaltMeansRollback() {
    assertThat(new RingPlan(List.of(ring("all", 10_000)), null).onHalt())
        .isEqualTo(OnHalt.ROLLBACK);
  }
}
