package dev.ringgate.simulate.domain;

import java.util.List;

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
    Double completedShare) {

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
    Double early =
        runs.get(0).stage() < 0
            ? null
            : (double) runs.stream().filter(r -> r.stopped() && r.stage() <= 1).count()
                / runs.size();
    double completed =
        (double) runs.stream().filter(FleetRun.Result::completed).count() / runs.size();
    return new Summary(
        scenario.name(),
        rule,
        fleet,
        runs.size(),
        scenario.bad() ? Stats.quantile(blast, 0.5) : null,
        scenario.bad() ? Stats.quantile(blast, 0.95) : null,
        haltedShare,
        time,
        scenario.bad() ? null : haltedShare,
        exposed,
        hours,
        early,
        completed);
  }
}
