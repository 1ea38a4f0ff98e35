package dev.ringgate.bench;

import dev.ringgate.simulate.domain.FleetRun;
import dev.ringgate.simulate.domain.Simulation.Batch;
import dev.ringgate.simulate.domain.Summary;
import dev.ringgate.simulate.domain.WaldBound;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text of docs/benchmarks/halting.md, from the summaries (the prose around them is fixed). */
final class HaltingMarkdown {
  private static final double ALPHA = 0.01;
  private static final double BETA = 0.05;
  private static final List<String> RINGGATE =
      List.of("ringgate", "ringgate-no-ramps", "ringgate-evidence");

  private HaltingMarkdown() {}

  static String render(
      List<Summary> summaries,
      List<Batch> batches,
      List<List<FleetRun.Result>> results,
      double minutes,
      int threads) {
    StringBuilder md = new StringBuilder();
    md.append(HaltingText.HEADER);
    md.append(
        String.format(
            Locale.ROOT,
            "This run: %d batches, %,d seeded runs, %.1f minutes on %d threads.%n%n",
            batches.size(),
            batches.stream().mapToInt(Batch::runs).sum(),
            minutes,
            threads));
    md.append(HaltingText.SETUP);
    md.append(targets(summaries));
    md.append(comparison(summaries));
    md.append("## Results\n\n");
    md.append(
        "Blast radius: devices told to install the bad release before the rule stopped it (the"
            + " whole run when it never did). Time to halt: median over the runs that halted."
            + " Exposed at halt: devices reporting on the release when Ringgate halted.\n\n");
    String scenario = null;
    for (Summary s : summaries) {
      if (!s.scenario().equals(scenario)) {
        scenario = s.scenario();
        md.append("\n### ").append(scenario).append("\n\n");
        md.append(
            "| rule | fleet | runs | blast radius median | p95 | halted | time to halt (min) |"
                + " false halts | exposed at halt | completed |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %d | %s | %s | %s | %s | %s | %s | %s |%n",
              s.rule(),
              s.fleet(),
              s.runs(),
              count(s.blastRadiusMedian()),
              count(s.blastRadiusP95()),
              percent(s.haltedShare()),
              number(s.timeToHaltMedianMinutes()),
              s.falseHaltRate() == null ? "—" : percent(s.falseHaltRate()),
              count(s.exposedAtHaltMedian()),
              percent(s.completedShare())));
    }
    md.append(wald(summaries));
    md.append(HaltingText.PLOTS);
    md.append(HaltingText.NOTES);
    return md.toString();
  }

  private static Summary find(List<Summary> summaries, String scenario, String rule) {
    return summaries.stream()
        .filter(s -> s.scenario().equals(scenario) && s.rule().equals(rule))
        .findFirst()
        .orElse(null);
  }

  private static String targets(List<Summary> summaries) {
    StringBuilder md = new StringBuilder("## Targets\n\n");
    md.append("| target | plan | figure | met |\n|---|---|---|---|\n");
    Summary cat = find(summaries, "catastrophic", "ringgate");
    Summary brick = find(summaries, "silent-brick", "ringgate");
    Summary three = find(summaries, "regression-3x", "ringgate-evidence");
    Summary threeDefault = find(summaries, "regression-3x", "ringgate");
    if (cat != null) {
      row(
          md,
          "catastrophic, 1,000,000 devices: median < 100, p95 < 250",
          "default (0.1 % canary, 30-min ramp)",
          "median " + count(cat.blastRadiusMedian()) + ", p95 " + count(cat.blastRadiusP95()),
          cat.blastRadiusMedian() < 100 && cat.blastRadiusP95() < 250);
    }
    if (brick != null) {
      row(
          md,
          "silent brick, 1,000,000 devices: median < 250, p95 < 500",
          "default (0.1 % canary, 30-min ramp)",
          "median " + count(brick.blastRadiusMedian()) + ", p95 " + count(brick.blastRadiusP95()),
          brick.blastRadiusMedian() < 250 && brick.blastRadiusP95() < 500);
    }
    if (three != null) {
      row(
          md,
          "3x regression halted before it leaves the 1 % ring in >= 95 % of runs",
          "evidence (1 % ring: beta 0.02, maxRateRatio 3)",
          percent(three.heldInEarlyRingsShare()) + " of " + three.runs() + " runs",
          three.heldInEarlyRingsShare() >= 0.95);
    }
    if (threeDefault != null) {
      row(
          md,
          "(the same with the default plan, for comparison)",
          "default",
          percent(threeDefault.heldInEarlyRingsShare()) + " of " + threeDefault.runs() + " runs",
          threeDefault.heldInEarlyRingsShare() >= 0.95);
    }
    for (String scenario : List.of("healthy", "noisy-baseline")) {
      for (String rule : RINGGATE) {
        Summary s = find(summaries, scenario, rule);
        if (s != null) {
          row(
              md,
              "false halts <= alpha (0.01), " + scenario,
              rule,
              percent(s.falseHaltRate()) + " of " + s.runs() + " runs",
              s.falseHaltRate() <= ALPHA);
        }
      }
    }
    return md.append('\n').toString();
  }

  private static void row(
      StringBuilder md, String target, String plan, String figure, boolean met) {
    md.append("| ")
        .append(target)
        .append(" | ")
        .append(plan)
        .append(" | ")
        .append(figure)
        .append(" | ")
        .append(met ? "yes" : "**no**")
        .append(" |\n");
  }

  /** Ringgate (its best plan per scenario) against each peer: blast radius and false halts. */
  private static String comparison(List<Summary> summaries) {
    StringBuilder md = new StringBuilder("## Ringgate against the peers\n\n");
    Map<String, Double> falseHalts = new LinkedHashMap<>();
    for (Summary s : summaries) {
      if (s.scenario().equals("healthy")) {
        falseHalts.put(s.rule(), s.falseHaltRate());
      }
    }
    md.append(
        "Each bad scenario's median blast radius for Ringgate's default plan against each peer;"
            + " false halts are those of the healthy scenario.\n\n");
    md.append("| scenario | peer | peer median | ringgate median | ringgate smaller |\n");
    md.append("|---|---|---:|---:|---|\n");
    StringBuilder exceptions = new StringBuilder();
    for (Summary s : summaries) {
      if (s.blastRadiusMedian() == null || RINGGATE.contains(s.rule())) {
        continue;
      }
      Summary ours = find(summaries, s.scenario(), "ringgate");
      boolean smaller = ours.blastRadiusMedian() < s.blastRadiusMedian();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s |%n",
              s.scenario(),
              s.rule(),
              count(s.blastRadiusMedian()),
              count(ours.blastRadiusMedian()),
              smaller ? "yes" : "**no**"));
      if (!smaller) {
        exceptions.append(
            String.format(
                Locale.ROOT,
                "- %s: %s's median %s is not above Ringgate's %s.%n",
                s.scenario(),
                s.rule(),
                count(s.blastRadiusMedian()),
                count(ours.blastRadiusMedian())));
      }
    }
    md.append("\nFalse halts on the healthy release: ");
    falseHalts.forEach(
        (rule, rate) -> md.append(rule).append(' ').append(percent(rate)).append("; "));
    Double ours = falseHalts.get("ringgate");
    for (Map.Entry<String, Double> e : falseHalts.entrySet()) {
      if (!RINGGATE.contains(e.getKey()) && ours != null && e.getValue() < ours) {
        exceptions.append(
            String.format(
                Locale.ROOT,
                "- %s halts fewer healthy releases (%s) than Ringgate (%s).%n",
                e.getKey(),
                percent(e.getValue()),
                percent(ours)));
      }
    }
    md.append("\n\n");
    if (exceptions.length() > 0) {
      md.append("Where Ringgate's default plan does **not** win:\n\n")
          .append(exceptions)
          .append('\n');
    } else {
      md.append("Ringgate's default plan has the smallest blast radius in every bad scenario.\n\n");
    }
    return md.toString();
  }

  /**
   * Wald's bound per scenario: {bound, 1 when in device-hours (rate regressions) or 0 in devices
   * (failures that strike at once)}.
   */
  static Map<String, double[]> waldBounds() {
    double crashPerHour = 0.001 / 24;
    double silentPerHour = 0.0005 / 24;
    Map<String, double[]> bounds = new LinkedHashMap<>();
    // per device: p0 is the baseline chance of the failure within the window the gate looks at
    bounds.put(
        "catastrophic", new double[] {WaldBound.devices(crashPerHour / 2, 1, ALPHA, BETA), 0});
    bounds.put(
        "silent-brick", new double[] {WaldBound.devices(silentPerHour / 4, 1, ALPHA, BETA), 0});
    bounds.put(
        "incompatible-content",
        new double[] {WaldBound.devices(crashPerHour / 2, 0.2, ALPHA, BETA), 0});
    bounds.put(
        "regression-10x", new double[] {WaldBound.deviceHours(crashPerHour, 10, ALPHA, BETA), 1});
    bounds.put(
        "regression-3x", new double[] {WaldBound.deviceHours(crashPerHour, 3, ALPHA, BETA), 1});
    bounds.put(
        "regression-1.5x", new double[] {WaldBound.deviceHours(crashPerHour, 1.5, ALPHA, BETA), 1});
    return bounds;
  }

  /** Exposure used at the halt over Wald's bound; null where it does not apply. */
  static Double waldRatio(Summary s) {
    double[] bound = waldBounds().get(s.scenario());
    if (bound == null || s.exposedAtHaltMedian() == null) {
      return null;
    }
    Double used = bound[1] == 1 ? s.exposedHoursAtHaltMedian() : s.blastRadiusMedian();
    return used == null ? null : used / bound[0];
  }

  private static String wald(List<Summary> summaries) {
    StringBuilder md = new StringBuilder("\n## Exposures used against Wald's SPRT bound\n\n");
    md.append(HaltingText.WALD_INTRO);
    md.append(
        "| scenario | rule | devices given the release (median) | exposed at halt (median) |"
            + " exposed device-hours (median) | Wald's bound | ratio |\n"
            + "|---|---|---:|---:|---:|---:|---:|\n");
    Map<String, double[]> bounds = waldBounds();
    for (Map.Entry<String, double[]> e : bounds.entrySet()) {
      for (String rule : RINGGATE) {
        Summary s = find(summaries, e.getKey(), rule);
        if (s == null || s.exposedAtHaltMedian() == null) {
          continue;
        }
        boolean hours = e.getValue()[1] == 1;
        // devices given the release for failures that strike at once (a silent brick never
        // reports, so none of its devices counts as exposed); device-hours for rate regressions
        double used = hours ? s.exposedHoursAtHaltMedian() : s.blastRadiusMedian();
        double bound = e.getValue()[0];
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s %s | %s |%n",
                e.getKey(),
                rule,
                count(s.blastRadiusMedian()),
                count(s.exposedAtHaltMedian()),
                count(s.exposedHoursAtHaltMedian()),
                count(bound),
                hours ? "device-hours" : "devices",
                String.format(Locale.ROOT, "%.1f x", used / bound)));
      }
    }
    return md.append('\n').toString();
  }

  static String count(Double value) {
    if (value == null || value.isNaN()) {
      return "—";
    }
    return value >= 100 || value == Math.rint(value)
        ? String.format(Locale.ROOT, "%,d", Math.round(value))
        : String.format(Locale.ROOT, "%.1f", value);
  }

  static String number(Double value) {
    return value == null ? "—" : String.format(Locale.ROOT, "%,.1f", value);
  }

  static String percent(Double share) {
    return share == null ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }
}
