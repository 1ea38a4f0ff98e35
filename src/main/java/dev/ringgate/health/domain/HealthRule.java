package dev.ringgate.health.domain;

/**
 * A rule that judges a ring: a pure function of its settings, counts and bake time. Rules fail
 * closed: a setting that cannot be used is refused when the plan is saved, never read as "healthy".
 */
@FunctionalInterface
public interface HealthRule {
  GateResult evaluate(GateInput input);
}
