package dev.ringgate.simulate.domain;

import dev.ringgate.health.domain.GateSettings;
import dev.ringgate.release.domain.Gate;
import dev.ringgate.release.domain.Ring;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.simulate.domain.Simulation.RuleSpec;
import java.util.ArrayList;
import java.util.List;

/** The rules the simulator compares, with their documented defaults, and the plans it tries. */
public final class Rules {
  /** The service's default: silent after three missed polls. */
  public static final int SILENT_AFTER_POLLS = 3;

  /**
   * The service's default early-silence grace ({@code ringgate.health.early-silence-grace}): a
   * device counts as early-silent one poll interval and this long after it was last heard from.
   */
  public static final int EARLY_SILENCE_GRACE_SECONDS = 120;

  /** The simulator evaluates the gate every minute (the service: every 5 s, and on failures). */
  public static final int EVALUATE_SECONDS = 60;

  private Rules() {}

  /** Ringgate with the service's gate settings on this plan. */
  public static RuleSpec ringgate(String name, RingPlan plan, GateSettings settings) {
    return new RuleSpec(
        name,
        scenario -> new RinggateRule(name, plan, settings, SILENT_AFTER_POLLS, EVALUATE_SECONDS));
  }

  /** The peers, each with its documented defaults (see docs/benchmarks/halting.md). */
  public static List<RuleSpec> peers() {
    return List.of(
        new RuleSpec("hawkbit", scenario -> HawkbitRule.defaults()),
        new RuleSpec("aws-iot-jobs", scenario -> AwsIotJobsRule.documentedExample()),
        new RuleSpec("ubuntu-phasing", scenario -> new UbuntuPhasingRule(scenario.bootLoop())),
        new RuleSpec("argo-failure-limit", scenario -> ArgoAnalysisRule.defaults()),
        new RuleSpec("no-gate", scenario -> new NoGateRule()));
  }

  /** Ringgate's three plans (default, default without ramps, evidence) and the peers. */
  public static List<RuleSpec> all(GateSettings settings) {
    List<RuleSpec> rules = new ArrayList<>();
    rules.add(ringgate("ringgate", RingPlan.defaultPlan(), settings));
    rules.add(ringgate("ringgate-no-ramps", withoutRamps(RingPlan.defaultPlan()), settings));
    rules.add(ringgate("ringgate-evidence", evidencePlan(), settings));
    rules.addAll(peers());
    return rules;
  }

  /** The same plan with every ring open at once. */
  public static RingPlan withoutRamps(RingPlan plan) {
    List<Ring> rings = new ArrayList<>();
    for (Ring r : plan.rings()) {
      rings.add(ring(r, 0, r.gate()));
    }
    return new RingPlan(rings, plan.onHalt());
  }

  /** The evidence plan's cap on the 1 % ring's wait: two days. */
  public static final int EVIDENCE_MAX_BAKE_MINUTES = 2880;

  /**
   * The plan recommended for agent builds: the default plan, but the 1 % ring passes only once its
   * exposure would have halted a release three times as crashy as the baseline with probability
   * 0.98 ({@code beta} 0.02, {@code maxRateRatio} 3), or after two days ({@code maxBakeMinutes}
   * 2880), whichever comes first.
   */
  public static RingPlan evidencePlan() {
    RingPlan plan = RingPlan.defaultPlan();
    List<Ring> rings = new ArrayList<>(plan.rings());
    Ring early = rings.get(1);
    Gate gate = early.gate();
    Gate evidence = new Gate(gate.alpha(), 3.0, gate.maxCrashRate(), 0.02);
    rings.set(
        1,
        new Ring(
            early.name(),
            early.shareBp(),
            early.selector(),
            early.minBakeMinutes(),
            early.minDevices(),
            early.rampMinutes(),
            early.promotion(),
            evidence,
            EVIDENCE_MAX_BAKE_MINUTES));
    return new RingPlan(rings, plan.onHalt());
  }

  private static Ring ring(Ring r, int rampMinutes, Gate gate) {
    return new Ring(
        r.name(),
        r.shareBp(),
        r.selector(),
        r.minBakeMinutes(),
        r.minDevices(),
        rampMinutes,
        r.promotion(),
        gate,
        r.maxBakeMinutes());
  }
}
