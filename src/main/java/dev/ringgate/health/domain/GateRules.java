package dev.ringgate.health.domain;

import java.util.List;

/**
 * The health gate of every ring: its rules in order (bake time and devices, then the crash-rate
 * test). Any HALT halts; PASS needs every rule to pass; otherwise the first WAIT is the verdict. A
 * ring with {@code maxBakeMinutes} that has baked that long without a HALT passes on what it has:
 * the WAIT becomes a PASS that says what was and was not certified.
 */
public final class GateRules {
  private final List<HealthRule> rules;

  public GateRules(GateSettings settings) {
    this.rules = List.of(new BakeAndDevices(), new CrashRateRule(settings));
  }

  /** Whether {@link #evaluate} says HALT, computed without the verdict's words. */
  public boolean halts(GateInput input) {
    for (HealthRule rule : rules) {
      if (rule.halts(input)) {
        return true;
      }
    }
    return false;
  }

  public GateResult evaluate(GateInput input) {
    GateResult waiting = null;
    GateResult passed = null;
    for (HealthRule rule : rules) {
      GateResult result = rule.evaluate(input);
      if (result.verdict() == Verdict.HALT) {
        return result;
      }
      if (result.verdict() == Verdict.WAIT && waiting == null) {
        waiting = result;
      }
      if (result.verdict() == Verdict.PASS) {
        passed =
            passed == null
                ? result
                : new GateResult(Verdict.PASS, passed.detail() + "; " + result.detail());
      }
    }
    if (waiting == null) {
      return passed;
    }
    Integer cap = input.ring().maxBakeMinutes();
    if (cap != null && input.bakedMinutes() >= cap) {
      return GateResult.pass(
          "maxBakeMinutes ("
              + cap
              + ") reached without a halt; passing on what was certified: "
              + waiting.detail());
    }
    return waiting;
  }
}
