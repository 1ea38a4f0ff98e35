package dev.ringgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ringgate.health.domain.GateSettings;
import dev.ringgate.simulate.domain.Fleet;
import dev.ringgate.simulate.domain.FleetRun;
import dev.ringgate.simulate.domain.FleetSpec;
import dev.ringgate.simulate.domain.Rules;
import dev.ringgate.simulate.domain.Scenario;
import dev.ringgate.simulate.domain.Simulation;
import dev.ringgate.simulate.domain.Simulation.Batch;
import dev.ringgate.simulate.domain.Simulation.RuleSpec;
import dev.ringgate.simulate.domain.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 *   dev.ringgate.bench.HaltingReport [--out docs/benchmarks] [--scale 1] [--threads 2]
 * </pre>
 *
 * {@code --scale} multiplies the number of runs (0.1 for a quick look).
 */
public final class HaltingReport {
  /** One scenario's setting: which fleet, how many runs, how long at most. */
  record Plan(Scenario scenario, Fleet fleet, int runs, double maxHours) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path out = Path.of(options.getOrDefault("out", "docs/benchmarks"));
    double scale = Double.parseDouble(options.getOrDefault("scale", "1"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
    long started = System.nanoTime();

    Fleet million = new Fleet(FleetSpec.standard(1_000_000), "sensor", 1, null);
    // healthy rollouts run through every ring, so their many runs use a smaller fleet
    Fleet small = new Fleet(FleetSpec.standard(50_000), "sensor", 1, null);
    List<Plan> plans =
        List.of(
            new Plan(Scenario.CATASTROPHIC, million, runs(100, scale), 72),
            new Plan(Scenario.SILENT_BRICK, million, runs(100, scale), 72),
            new Plan(Scenario.INCOMPATIBLE, million, runs(60, scale), 72),
            new Plan(Scenario.REGRESSION_10X, million, runs(30, scale), 14 * 24),
            new Plan(Scenario.REGRESSION_3X, million, runs(20, scale), 21 * 24),
            new Plan(Scenario.REGRESSION_1_5X, million, runs(6, scale), 14 * 24),
            new Plan(Scenario.HEALTHY, small, runs(200, scale), 14 * 24),
            new Plan(Scenario.NOISY, small, runs(100, scale), 14 * 24));
    List<RuleSpec> rules = Rules.all(GateSettings.DEFAULTS);
    List<Batch> batches = new ArrayList<>();
    for (Plan plan : plans) {
      for (RuleSpec rule : rules) {
        batches.add(new Batch(plan.scenario(), rule, plan.fleet(), plan.runs(), plan.maxHours()));
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

  private static int runs(int full, double scale) {
    return Math.max(2, (int) Math.round(full * scale));
  }

  /**
   * The rows a script compares with the targets: the nine fields and completedShare,
   * exposedAtHaltMedian and waldRatio, null where none applies.
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
      rows.add(row);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), rows);
  }

  static Double round(Double value) {
    return value == null ? null : Math.round(value * 10) / 10.0;
  }
}
