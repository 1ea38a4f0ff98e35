package dev.ringgate.release.domain;

import dev.ringgate.kernel.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The ordered rings a release moves through, and what a halt does. */
public record RingPlan(List<Ring> rings, OnHalt onHalt) {
  /** All of the fleet, in basis points. */
  public static final int FULL_SHARE_BP = 10_000;

  /** The most rings a plan may have. */
  public static final int MAX_RINGS = 20;

  /** The largest false-alarm rate a gate may be configured with. */
  public static final double MAX_ALPHA = 0.2;

  public RingPlan {
    rings = List.copyOf(rings);
    onHalt = onHalt == null ? OnHalt.ROLLBACK : onHalt;
  }

  /**
   * The default plan's cap on the 10 % ring's wait for evidence: 12 hours, after which it passes on
   * what it certified.
   */
  public static final int BROAD_MAX_BAKE_MINUTES = 720;

  /**
   * The plan a new product starts with, until its vendor replaces it: a canary of 0.1 %, then 1 %,
   * 10 %, 50 % and everyone, each ring ramping and baking before it is left automatically. The 10 %
   * ring passes only once its exposure would have halted a release twice as crashy as the baseline
   * with probability 0.98 ({@code beta} 0.02), or after 12 hours: a threefold regression is stopped
   * before half the fleet has it.
   */
  public static RingPlan defaultPlan() {
    Gate gate = new Gate(0.01, 2.0, 0.02);
    return new RingPlan(
        List.of(
            new Ring("canary", 10, null, 60, 10, 30, Promotion.AUTO, gate),
            new Ring("early", 100, null, 120, 50, 60, Promotion.AUTO, gate),
            new Ring(
                "broad",
                1_000,
                null,
                240,
                200,
                120,
                Promotion.AUTO,
                new Gate(0.01, 2.0, 0.02, 0.02),
                BROAD_MAX_BAKE_MINUTES),
            new Ring("half", 5_000, null, 240, 500, 120, Promotion.AUTO, gate),
            new Ring("general", FULL_SHARE_BP, null, 240, 500, 120, Promotion.AUTO, gate)),
        OnHalt.ROLLBACK);
  }

  public Ring ring(int index) {
    return rings.get(index);
  }

  public int lastIndex() {
    return rings.size() - 1;
  }

  /**
   * The rules a plan must satisfy beyond each field's own range: at least one and at most {@value
   * #MAX_RINGS} rings, unique names, shares that never decrease, a {@code maxBakeMinutes} not below
   * the ring's {@code minBakeMinutes}, and a last ring of {@value #FULL_SHARE_BP}. Returns the
   * broken rules with their field paths, empty when the plan is valid.
   */
  public static List<Violation> check(List<Ring> rings) {
    List<Violation> violations = new ArrayList<>();
    if (rings.isEmpty()) {
      violations.add(new Violation("rings", "must contain at least one ring"));
      return violations;
    }
    if (rings.size() > MAX_RINGS) {
      violations.add(new Violation("rings", "must contain at most " + MAX_RINGS + " rings"));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < rings.size(); i++) {
      Ring ring = rings.get(i);
      if (!names.add(ring.name())) {
        violations.add(new Violation(path(i, "name"), "repeats the name of an earlier ring"));
      }
      if (ring.maxBakeMinutes() != null && ring.maxBakeMinutes() < ring.minBakeMinutes()) {
        violations.add(
            new Violation(
                path(i, "maxBakeMinutes"),
                "must be at least the ring's minBakeMinutes (" + ring.minBakeMinutes() + ")"));
      }
      if (i > 0 && ring.shareBp() < rings.get(i - 1).shareBp()) {
        violations.add(
            new Violation(
                path(i, "shareBp"),
                "must not be below the previous ring's share ("
                    + rings.get(i - 1).shareBp()
                    + ")"));
      }
    }
    int last = rings.size() - 1;
    if (rings.get(last).shareBp() != FULL_SHARE_BP) {
      violations.add(
          new Violation(path(last, "shareBp"), "the last ring must have " + FULL_SHARE_BP));
    }
    return violations;
  }

  private static String path(int index, String field) {
    return "rings[" + index + "]." + field;
  }
}
