package dev.ringgate.bench;

import dev.ringgate.simulate.domain.FleetRun;
import dev.ringgate.simulate.domain.Simulation.Batch;
import dev.ringgate.simulate.domain.Stats;
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
  static final List<String> RINGGATE =
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
            "| rule | fleet | runs | blast radius median [95 % CI] | p95 | halted [95 % CI] |"
                + " time to halt (min) | false halts | exposed at halt | completed |"
                + " halted for a tenant |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              s.rule(),
              s.fleet(),
              s.runs(),
              count(s.blastRadiusMedian()) + counts(s.ci().get("blastRadiusMedian")),
              count(s.blastRadiusP95()),
              percent(s.haltedShare()) + percents(s.ci().get("haltedShare")),
              number(s.timeToHaltMedianMinutes()),
              s.falseHaltRate() == null ? "—" : percent(s.falseHaltRate()),
              count(s.exposedAtHaltMedian()),
              percent(s.completedShare()),
              percent(s.tenantHaltedShare())));
    }
    md.append(adversarial(summaries));
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
    md.append(
        "Figures with their 95 % confidence interval (Wilson's for shares, order statistics for"
            + " medians and p95s); a target is met when the point estimate meets it.\n\n");
    md.append("| target | plan | figure | met |\n|---|---|---|---|\n");
    Summary cat = find(summaries, "catastrophic", "ringgate");
    if (cat != null) {
      row(
          md,
          "catastrophic, 1,000,000 devices: median <= 13, p95 <= 20",
          "default",
          blast(cat),
          cat.blastRadiusMedian() <= 13 && cat.blastRadiusP95() <= 20);
    }
    Summary brick = find(summaries, "silent-brick", "ringgate");
    if (brick != null) {
      row(
          md,
          "silent brick, 1,000,000 devices: median < 30, p95 < 50",
          "default",
          blast(brick),
          brick.blastRadiusMedian() < 30 && brick.blastRadiusP95() < 50);
    }
    for (String scenario : List.of("regression-10x", "regression-3x")) {
      for (String rule : RINGGATE) {
        Summary s = find(summaries, scenario, rule);
        Double ratio = s == null ? null : waldRatio(s);
        if (ratio != null) {
          Stats.Interval ci = waldRatioInterval(s);
          row(
              md,
              scenario + ": exposure at halt <= 3x Wald's bound",
              rule,
              String.format(Locale.ROOT, "%.1f x", ratio)
                  + (ci == null
                      ? ""
                      : String.format(Locale.ROOT, " [%.1f, %.1f]", ci.low(), ci.high())),
              ratio <= 3);
        }
      }
    }
    Summary threeDefault = find(summaries, "regression-3x", "ringgate");
    if (threeDefault != null) {
      row(
          md,
          "3x regression halted before it leaves the 10 % ring in >= 95 % of runs",
          "default",
          share(
              threeDefault, "heldInTenPercentRingShare", threeDefault.heldInTenPercentRingShare()),
          threeDefault.heldInTenPercentRingShare() >= 0.95);
    }
    Summary three = find(summaries, "regression-3x", "ringgate-evidence");
    if (three != null) {
      row(
          md,
          "3x regression halted in the 1 % ring in >= 95 % of >= 60 runs",
          "evidence",
          share(three, "heldInEarlyRingsShare", three.heldInEarlyRingsShare()),
          three.heldInEarlyRingsShare() >= 0.95 && three.runs() >= 60);
    }
    Summary slight = find(summaries, "regression-1.5x", "ringgate-evidence");
    if (slight != null) {
      row(
          md,
          "1.5x regression halted within 14 days in >= 90 % of runs, median blast radius < 300,035",
          "evidence",
          share(slight, "haltedShare", slight.haltedShare()) + "; " + blast(slight),
          slight.haltedShare() >= 0.9 && slight.blastRadiusMedian() < 300_035);
    }
    for (String scenario : List.of("healthy", "noisy-baseline")) {
      for (String rule : RINGGATE) {
        Summary s = find(summaries, scenario, rule);
        if (s != null) {
          row(
              md,
              "false halts <= alpha (0.01) over >= 500 runs, " + scenario,
              rule,
              share(s, "haltedShare", s.falseHaltRate()),
              s.falseHaltRate() <= ALPHA && s.runs() >= 500);
          double notHalted = 1 - s.falseHaltRate();
          row(
              md,
              "every run not falsely halted completes (no stall), " + scenario,
              rule,
              share(s, "completedShare", s.completedShare()),
              s.completedShare() >= notHalted);
        }
      }
    }
    for (String rule : RINGGATE) {
      Summary forged = find(summaries, "forged-crashes", rule);
      if (forged != null) {
        row(
            md,
            "forged crashes in the canary: no halt beyond the forging tenant (<= 1 % of runs)",
            rule,
            share(forged, "haltedShare", forged.haltedShare())
                + " halted for everyone; "
                + share(forged, "forgerHaltedShare", forged.forgerHaltedShare())
                + " for the forger",
            forged.haltedShare() <= ALPHA);
      }
      for (String release : List.of("3x", "catastrophic")) {
        String plain = release.equals("3x") ? "regression-3x" : "catastrophic";
        Summary masked = find(summaries, "forged-healthy-" + release, rule);
        Summary base = find(summaries, plain, rule);
        if (masked != null && base != null) {
          row(
              md,
              "forged healthy devices, " + release + ": halted as without them",
              rule,
              "halted "
                  + share(masked, "haltedShare", masked.haltedShare())
                  + " (without: "
                  + percent(base.haltedShare())
                  + "); median "
                  + count(masked.blastRadiusMedian())
                  + " (without: "
                  + count(base.blastRadiusMedian())
                  + ")",
              masked.haltedShare() >= base.haltedShare() - 0.05
                  && masked.blastRadiusMedian() <= 1.5 * base.blastRadiusMedian() + 5);
        }
      }
    }
    return md.append('\n').toString();
  }

  private static String blast(Summary s) {
    return "median "
        + count(s.blastRadiusMedian())
        + counts(s.ci().get("blastRadiusMedian"))
        + ", p95 "
        + count(s.blastRadiusP95())
        + counts(s.ci().get("blastRadiusP95"));
  }

  private static String share(Summary s, String field, Double value) {
    return percent(value) + percents(s.ci().get(field)) + " of " + s.runs() + " runs";
  }

  private static String counts(Stats.Interval ci) {
    return ci == null ? "" : " [" + count(ci.low()) + ", " + count(ci.high()) + "]";
  }

  private static String percents(Stats.Interval ci) {
    return ci == null
        ? ""
        : String.format(Locale.ROOT, " [%.1f, %.1f]", 100 * ci.low(), 100 * ci.high());
  }

  /** The adversarial rows: what each attacker does, what is expected, what happened. */
  private static String adversarial(List<Summary> summaries) {
    StringBuilder md = new StringBuilder();
    boolean any = summaries.stream().anyMatch(s -> s.scenario().startsWith("forged-"));
    if (!any) {
      return "";
    }
    md.append(HaltingText.ADVERSARIAL);
    md.append(
        "| scenario | rule | runs | halted for everyone [95 % CI] | halted for the forger |"
            + " blast radius median |\n|---|---|---:|---:|---:|---:|\n");
    for (Summary s : summaries) {
      if (s.scenario().startsWith("forged-")) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %s | %s | %s |%n",
                s.scenario(),
                s.rule(),
                s.runs(),
                percent(s.haltedShare()) + percents(s.ci().get("haltedShare")),
                percent(s.forgerHaltedShare()),
                count(s.blastRadiusMedian())));
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
    if (summaries.stream().allMatch(s -> RINGGATE.contains(s.rule()))) {
      return "";
    }
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
      if (ours == null) {
        continue;
      }
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
    // the forger's made-up devices change nothing about the real fleet's bound
    bounds.put("forged-healthy-3x", bounds.get("regression-3x"));
    bounds.put("forged-healthy-catastrophic", bounds.get("catastrophic"));
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

  /** The Wald ratio's interval: the median exposure's interval over the bound; or null. */
  static Stats.Interval waldRatioInterval(Summary s) {
    double[] bound = waldBounds().get(s.scenario());
    if (bound == null || s.exposedAtHaltMedian() == null) {
      return null;
    }
    Stats.Interval used =
        s.ci().get(bound[1] == 1 ? "exposedHoursAtHaltMedian" : "blastRadiusMedian");
    return used == null ? null : new Stats.Interval(used.low() / bound[0], used.high() / bound[0]);
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

  static String count(double value) {
    return count(Double.valueOf(value));
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
