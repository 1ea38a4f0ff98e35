package dev.ringgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ringgate.health.domain.GateSettings;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.simulate.domain.Fleet;
import dev.ringgate.simulate.domain.FleetRun;
import dev.ringgate.simulate.domain.FleetSpec;
import dev.ringgate.simulate.domain.Rules;
import dev.ringgate.simulate.domain.Scenario;
import dev.ringgate.simulate.domain.Simulation;
import dev.ringgate.simulate.domain.Simulation.Batch;
import dev.ringgate.simulate.domain.Simulation.RuleSpec;
import dev.ringgate.simulate.domain.Stats;
import dev.ringgate.simulate.domain.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Regenerates docs/benchmarks/halting.md, halting.json and the plots: every scenario under every
 * rule, seeded. Usage (see docs/benchmarks/halting.md):
 *
 * <pre>
 * java -Xmx6g -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   dev.ringgate.bench.HaltingReport [--out docs/benchmarks] [--scale 1] [--threads 2] \
 *   [--only scenario,...] [--rules rule,...]
 * </pre>
 *
 * {@code --scale} multiplies the number of runs (0.1 for a quick look); {@code --only} and {@code
 * --rules} keep the named scenarios and rules (for a quick check; the report then lists only them).
 */
public final class HaltingReport {
  /**
   * One scenario's setting: which fleet, how many runs for each of Ringgate's plans and for each
   * peer, how long at most.
   */
  record Plan(Scenario scenario, Fleet fleet, int ringgateRuns, int peerRuns, double maxHours) {
    int runs(String rule) {
      return HaltingMarkdown.RINGGATE.contains(rule) ? ringgateRuns : peerRuns;
    }
  }

  /** The evidence plan's 3x runs: its target is stated over at least 60. */
  private static final int EVIDENCE_3X_RUNS = 60;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path out = Path.of(options.getOrDefault("out", "docs/benchmarks"));
    double scale = Double.parseDouble(options.getOrDefault("scale", "1"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
    long started = System.nanoTime();

    List<Scenario> scenarios = scenarios(options.get("only"));
    List<RuleSpec> rules = rules(options.get("rules"));
    List<Batch> batches = new ArrayList<>();
    for (Plan plan : plans(scenarios, scale)) {
      for (RuleSpec rule : rules) {
        int runs = plan.runs(rule.name());
        if (plan.scenario() == Scenario.REGRESSION_3X && rule.name().equals("ringgate-evidence")) {
          runs = runs(EVIDENCE_3X_RUNS, scale);
        }
        batches.add(new Batch(plan.scenario(), rule, plan.fleet(), runs, plan.maxHours()));
      }
    }
    List<List<FleetRun.Result>> results = new Simulation(threads, 1).run(batches);
    List<Summary> summaries = new ArrayList<>();
    for (int i = 0; i < batches.size(); i++) {
      Batch batch = batches.get(i);
      summaries.add(
          Summary.of(batch.scenario(), batch.rule().name(), batch.fleet().size(), results.get(i)));
      System.err.printf(
          Locale.ROOT,
          "%s (%.0f s of runs)%n",
          summaries.get(summaries.size() - 1),
          results.get(i).stream().mapToDouble(FleetRun.Result::wallSeconds).sum());
    }
    double minutes = (System.nanoTime() - started) / 60e9;
    Files.createDirectories(out.resolve("halting"));
    writeJson(out.resolve("halting.json"), summaries);
    HaltingCharts.draw(out.resolve("halting"), summaries, batches, results);
    Files.writeString(
        out.resolve("halting.md"),
        HaltingMarkdown.render(summaries, batches, results, minutes, threads));
    System.err.printf(Locale.ROOT, "done in %.1f minutes%n", minutes);
  }

  /**
   * Every scenario's setting. Healthy rollouts run through every ring, so their many runs use a
   * smaller fleet; Ringgate's plans get the runs their targets are stated over, the peers fewer.
   */
  static List<Plan> plans(List<Scenario> scenarios, double scale) {
    // each fleet is built once, and only when a scenario runs on it
    Map<Integer, Fleet> fleets = new HashMap<>();
    int canary = RingPlan.defaultPlan().ring(0).shareBp();
    List<Plan> plans = new ArrayList<>();
    for (Scenario s : scenarios) {
      boolean small = s == Scenario.HEALTHY || s == Scenario.NOISY || s == Scenario.FORGED_CRASHES;
      Fleet fleet =
          fleets.computeIfAbsent(
              small ? 50_000 : 1_000_000, n -> new Fleet(FleetSpec.standard(n), "sensor", 1, null));
      if (s.forges()) {
        fleet = fleet.withForger(s.forgedDevices(), canary);
      }
      int[] runs = FULL_RUNS.get(s.name());
      double hours = s.bootLoop() ? 72 : s.crashRatio() == 3 ? 21 * 24 : 14 * 24;
      plans.add(new Plan(s, fleet, runs(runs[0], scale), runs(runs[1], scale), hours));
    }
    return plans;
  }

  /** Full runs per scenario: {Ringgate's plans, peers}. */
  private static final Map<String, int[]> FULL_RUNS =
      Map.ofEntries(
          Map.entry("catastrophic", new int[] {100, 100}),
          Map.entry("silent-brick", new int[] {100, 100}),
          Map.entry("incompatible-content", new int[] {60, 60}),
          Map.entry("regression-10x", new int[] {30, 30}),
          Map.entry("regression-3x", new int[] {20, 20}),
          Map.entry("regression-1.5x", new int[] {6, 6}),
          Map.entry("healthy", new int[] {500, 200}),
          Map.entry("noisy-baseline", new int[] {500, 100}),
          Map.entry("forged-crashes", new int[] {100, 20}),
          Map.entry("forged-healthy-3x", new int[] {20, 6}),
          Map.entry("forged-healthy-catastrophic", new int[] {100, 30}));

  /** Every scenario the report runs, or those named (comma-separated). */
  static List<Scenario> scenarios(String only) {
    List<Scenario> all = new ArrayList<>(Scenario.ALL);
    all.addAll(Scenario.ADVERSARIAL);
    if (only == null) {
      return all;
    }
    List<Scenario> kept = new ArrayList<>();
    for (String name : only.split(",")) {
      kept.add(Scenario.named(name.trim(), all));
    }
    return kept;
  }

  /** Every rule, or those named (comma-separated). */
  static List<RuleSpec> rules(String only) {
    List<RuleSpec> all = Rules.all(GateSettings.DEFAULTS);
    if (only == null) {
      return all;
    }
    List<RuleSpec> kept = new ArrayList<>();
    for (String name : only.split(",")) {
      kept.add(
          all.stream()
              .filter(r -> r.name().equals(name.trim()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown rule: "
                              + name
                              + "; known: "
                              + all.stream().map(RuleSpec::name).toList())));
    }
    return kept;
  }

  private static int runs(int full, double scale) {
    return Math.max(2, (int) Math.round(full * scale));
  }

  /**
   * The rows a script compares with the targets: the nine fields and completedShare,
   * exposedAtHaltMedian and waldRatio, null where none applies; the shares of runs held in the
   * first rings and halted for a tenant only (for the forger where one forges); {@code ci}: 95 %
   * confidence intervals [low, high] by field.
   */
  private static void writeJson(Path file, List<Summary> summaries) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Summary s : summaries) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("scenario", s.scenario());
      row.put("rule", s.rule());
      row.put("fleet", s.fleet());
      row.put("runs", s.runs());
      row.put("blastRadiusMedian", s.blastRadiusMedian());
      row.put("blastRadiusP95", s.blastRadiusP95());
      row.put("haltedShare", s.haltedShare());
      row.put("timeToHaltMedianMinutes", round(s.timeToHaltMedianMinutes()));
      row.put("falseHaltRate", s.falseHaltRate());
      row.put("completedShare", s.completedShare());
      row.put("exposedAtHaltMedian", s.exposedAtHaltMedian());
      row.put("waldRatio", round(HaltingMarkdown.waldRatio(s)));
      row.put("heldInEarlyRingsShare", s.heldInEarlyRingsShare());
      row.put("heldInTenPercentRingShare", s.heldInTenPercentRingShare());
      row.put("tenantHaltedShare", s.tenantHaltedShare());
      row.put("forgerHaltedShare", s.forgerHaltedShare());
      Map<String, double[]> ci = new LinkedHashMap<>();
      s.ci().forEach((field, interval) -> ci.put(field, pair(interval)));
      if (s.falseHaltRate() != null) {
        ci.put("falseHaltRate", ci.get("haltedShare"));
      }
      Stats.Interval wald = HaltingMarkdown.waldRatioInterval(s);
      if (wald != null) {
        ci.put("waldRatio", pair(wald));
      }
      row.put("ci", ci);
      rows.add(row);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), rows);
  }

  private static double[] pair(Stats.Interval interval) {
    return new double[] {
      Math.round(interval.low() * 1000) / 1000.0, Math.round(interval.high() * 1000) / 1000.0
    };
  }

  static Double round(Double value) {
    return value == null ? null : Math.round(value * 10) / 10.0;
  }
}
