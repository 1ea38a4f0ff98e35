package dev.ringgate.health.domain;

/**
 * A rule that judges a ring: a pure function of its settings, counts and bake time. Rules fail
 * closed: a setting that cannot be used is refused when the plan is saved, never read as "healthy".
 */
@FunctionalInterface
public interface HealthRule {
  GateResult evaluate(GateInput input);

  /**
   * Whether {@link #evaluate} says HALT, without the words: for the many what-if judgements of the
   * tenant rules, which need only the verdict.
   */
  default boolean halts(GateInput input) {
    return evaluate(input).verdict() == Verdict.HALT;
  }
}
