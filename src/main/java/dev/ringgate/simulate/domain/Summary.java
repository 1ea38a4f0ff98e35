package dev.ringgate.simulate.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one scenario under one rule, as {@code docs/benchmarks/halting.json} lists them
 * (null where a figure does not apply), with the simulator's extra figures after them.
 *
 * @param blastRadiusMedian devices offered the bad release before the halt (the whole run when it
 *     never halted), median over the runs; null for healthy scenarios
 * @param haltedShare share of runs the rule stopped (a false halt when the release is healthy)
 * @param timeToHaltMedianMinutes median minutes from the start to the halt, over the halted runs
 * @param falseHaltRate for healthy scenarios, the share of runs halted; null for bad ones
 * @param exposedAtHaltMedian devices exposed (reporting on the release) at the halt, median; null
 *     where the rule does not count them
 * @param heldInEarlyRingsShare for Ringgate, the share of runs that stopped before leaving the
 *     second ring (1 % in the default plan); null for the peers
 * @param heldInTenPercentRingShare for Ringgate, the share of runs that stopped before leaving the
 *     third ring (10 % in the default plan); null for the peers
 * @param tenantHaltedShare share of runs in which the rule halted the rollout for some tenant only
 * @param forgerHaltedShare where a tenant forges devices, the share of runs halted for it; else
 *     null
 * @param ci 95 % confidence intervals by field name: Wilson's for shares, order statistics for
 *     medians and p95s
 */
public record Summary(
    String scenario,
    String rule,
    int fleet,
    int runs,
    Double blastRadiusMedian,
    Double blastRadiusP95,
    double haltedShare,
    Double timeToHaltMedianMinutes,
    Double falseHaltRate,
    Double exposedAtHaltMedian,
    Double exposedHoursAtHaltMedian,
    Double heldInEarlyRingsShare,
    Double completedShare,
    Double heldInTenPercentRingShare,
    double tenantHaltedShare,
    Double forgerHaltedShare,
    Map<String, Stats.Interval> ci) {

  public static Summary of(Scenario scenario, String rule, int fleet, List<FleetRun.Result> runs) {
    double[] blast = Stats.values(runs, r -> r.blastRadius());
    List<FleetRun.Result> halted = runs.stream().filter(FleetRun.Result::stopped).toList();
    double haltedShare = (double) halted.size() / runs.size();
    Double time =
        halted.isEmpty() ? null : Stats.quantile(Stats.values(halted, r -> r.minutesToStop()), 0.5);
    boolean counted = !halted.isEmpty() && halted.get(0).exposedAtStop() >= 0;
    Double exposed =
        counted ? Stats.quantile(Stats.values(halted, r -> r.exposedAtStop()), 0.5) : null;
    Double hours =
        counted ? Stats.quantile(Stats.values(halted, r -> r.exposedHoursAtStop()), 0.5) : null;
    Double early = held(runs, 1);
    Double tenPercent = held(runs, 2);
    long completed = runs.stream().filter(FleetRun.Result::completed).count();
    long tenantHalted = runs.stream().filter(r -> r.tenantsHalted() > 0).count();
    long forgerHalted = runs.stream().filter(FleetRun.Result::forgerHalted).count();
    int n = runs.size();
    Map<String, Stats.Interval> ci = new LinkedHashMap<>();
    if (scenario.bad()) {
      ci.put("blastRadiusMedian", Stats.quantileInterval(blast, 0.5));
      ci.put("blastRadiusP95", Stats.quantileInterval(blast, 0.95));
    }
    ci.put("haltedShare", Stats.wilson(halted.size(), n));
    if (!halted.isEmpty()) {
      ci.put(
          "timeToHaltMedianMinutes",
          Stats.quantileInterval(Stats.values(halted, r -> r.minutesToStop()), 0.5));
    }
    if (counted) {
      ci.put(
          "exposedAtHaltMedian",
          Stats.quantileInterval(Stats.values(halted, r -> r.exposedAtStop()), 0.5));
      ci.put(
          "exposedHoursAtHaltMedian",
          Stats.quantileInterval(Stats.values(halted, r -> r.exposedHoursAtStop()), 0.5));
    }
    ci.put("completedShare", Stats.wilson(completed, n));
    if (early != null) {
      ci.put("heldInEarlyRingsShare", Stats.wilson(Math.round(early * n), n));
      ci.put("heldInTenPercentRingShare", Stats.wilson(Math.round(tenPercent * n), n));
    }
    if (scenario.forges()) {
      ci.put("forgerHaltedShare", Stats.wilson(forgerHalted, n));
    }
    return new Summary(
        scenario.name(),
        rule,
        fleet,
        n,
        scenario.bad() ? Stats.quantile(blast, 0.5) : null,
        scenario.bad() ? Stats.quantile(blast, 0.95) : null,
        haltedShare,
        time,
        scenario.bad() ? null : haltedShare,
        exposed,
        hours,
        early,
        (double) completed / n,
        tenPercent,
        (double) tenantHalted / n,
        scenario.forges() ? (double) forgerHalted / n : null,
        ci);
  }

  /** For Ringgate, the share of runs stopped in ring {@code last} or before; null for the peers. */
  private static Double held(List<FleetRun.Result> runs, int last) {
    if (runs.get(0).stage() < 0) {
      return null;
    }
    return (double) runs.stream().filter(r -> r.stopped() && r.stage() <= last).count()
        / runs.size();
  }
}
