package dev.ringgate.simulate;

import dev.ringgate.health.domain.GateSettings;
import dev.ringgate.kernel.ApiProblemException;
import dev.ringgate.release.domain.Promotion;
import dev.ringgate.release.domain.Ring;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.release.domain.Selector;
import dev.ringgate.simulate.domain.Fleet;
import dev.ringgate.simulate.domain.FleetRun;
import dev.ringgate.simulate.domain.FleetSpec;
import dev.ringgate.simulate.domain.Rules;
import dev.ringgate.simulate.domain.Scenario;
import dev.ringgate.simulate.domain.Simulation;
import dev.ringgate.simulate.domain.Simulation.Batch;
import dev.ringgate.simulate.domain.Simulation.RuleSpec;
import dev.ringgate.simulate.domain.Summary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar quarkus-run.jar simulate ...}: rehearses a product's ring plan and its tenants'
 * policies against every scenario in the fleet simulator and prints the predicted blast radius.
 * Runs without starting the service.
 */
public final class SimulateCommand {
  static final String USAGE =
      """
      Usage: java -jar target/quarkus-app/quarkus-run.jar simulate [options]

      Where the plan and the policies come from (default: the default ring plan, drawn tenants):
        --plan FILE            a ring plan, as PUT /api/v1/products/{id}/ring-plan takes it
        --tenants FILE         [{"id": "...", "devices": 1200, "policy": {...}}], policies as PUT
                               /api/v1/tenants/{id}/policies/{product} takes them
        --server URL --key KEY --product ID
                               read the product's ring plan from a running server; with an operator
                               key also every tenant's policy and device count
      The fleet and the runs:
        --devices N            devices in the fleet (default 1000000)
        --poll-minutes M       the poll interval devices are given (default 5)
        --scenarios a,b        of: %s (default: all)
        --runs R               seeded runs per scenario (default 20)
        --seed S               the first seed (default 1)
        --max-hours H          simulated time at most per run (default 168)
        --threads T            (default: the number of cores)
        --compare              also run the peers' rules (hawkBit, AWS IoT Jobs, Ubuntu phasing,
                               Argo Rollouts, no gate) on the same fleets
      """;

  private SimulateCommand() {}

  /** Runs the command; returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.printf(USAGE, Scenario.names());
      return 2;
    }
    if (options.containsKey("help")) {
      out.printf(USAGE, Scenario.names());
      return 0;
    }
    try {
      execute(options, out, err);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("simulate: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("simulate: " + e);
      return 1;
    }
  }

  private static final Set<String> FLAGS = Set.of("compare", "help");
  private static final Set<String> VALUED =
      Set.of(
          "plan",
          "tenants",
          "server",
          "key",
          "product",
          "devices",
          "poll-minutes",
          "scenarios",
          "runs",
          "seed",
          "max-hours",
          "threads");

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].replaceFirst("^--", "");
      if (!args[i].startsWith("--") || !(FLAGS.contains(name) || VALUED.contains(name))) {
        throw new IllegalArgumentException("unknown option: " + args[i]);
      }
      if (FLAGS.contains(name)) {
        options.put(name, "true");
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
    }
    return options;
  }

  private static void execute(Map<String, String> o, PrintStream out, PrintStream err)
      throws Exception {
    PlanSource source = new PlanSource();
    String product = o.getOrDefault("product", "sensor");
    RingPlan plan = RingPlan.defaultPlan();
    List<Fleet.Tenant> tenants = null;
    String origin = "the default ring plan";
    if (o.containsKey("server")) {
      require(
          o.containsKey("key") && o.containsKey("product"), "--server needs --key and --product");
      plan = source.planFromServer(o.get("server"), o.get("key"), product);
      origin = "the ring plan of " + product + " on " + o.get("server");
      try {
        tenants = source.tenantsFromServer(o.get("server"), o.get("key"), product);
        origin += ", " + tenants.size() + " tenants' policies and fleet sizes";
      } catch (ApiProblemException | java.io.IOException | java.io.UncheckedIOException e) {
        err.println(
            "note: tenants not readable with this key (" + firstLine(e) + "); drawn instead");
      }
    }
    if (o.containsKey("plan")) {
      plan = source.planFile(Path.of(o.get("plan")));
      origin = "the ring plan in " + o.get("plan");
    }
    if (o.containsKey("tenants")) {
      tenants = source.tenantsFile(Path.of(o.get("tenants")));
      origin += ", " + tenants.size() + " tenants from " + o.get("tenants");
    }
    int devices = integer(o, "devices", 1_000_000, 1, 8_000_000);
    double poll = number(o, "poll-minutes", 5, 0.1, 1440);
    int runs = integer(o, "runs", 20, 1, 10_000);
    int threads = integer(o, "threads", Runtime.getRuntime().availableProcessors(), 1, 256);
    long seed = integer(o, "seed", 1, 0, Integer.MAX_VALUE);
    double maxHours = number(o, "max-hours", 168, 1, 24 * 365);
    List<Scenario> scenarios = new ArrayList<>();
    for (String name : o.getOrDefault("scenarios", "").split(",")) {
      if (!name.isBlank()) {
        scenarios.add(Scenario.named(name.trim()));
      }
    }
    if (scenarios.isEmpty()) {
      scenarios.addAll(Scenario.ALL);
    }
    FleetSpec base = FleetSpec.standard(devices);
    FleetSpec spec =
        new FleetSpec(
            devices,
            tenants == null ? base.tenants() : Math.min(devices, tenants.size()),
            poll,
            base.pollJitter(),
            base.earlyAccessShare(),
            base.generalShare(),
            base.nMinusOneShare(),
            base.windowShare(),
            base.oldAgentShare(),
            base.nightOffShare(),
            base.crashesPerDay(),
            base.lostPerDay());
    Fleet fleet = new Fleet(spec, product, seed, tenants);
    List<RuleSpec> rules = new ArrayList<>();
    rules.add(Rules.ringgate("ringgate", plan, GateSettings.DEFAULTS));
    if (o.containsKey("compare")) {
      rules.addAll(Rules.peers());
    }
    out.printf(
        Locale.ROOT,
        "Simulating %s: %,d devices polling every %s minutes, %d run(s) per scenario, up to %s"
            + " hours each.%n",
        origin,
        devices,
        trim(poll),
        runs,
        trim(maxHours));
    out.println("Plan: " + describe(plan));
    for (String warning : warnings(plan, spec)) {
      out.println("warning: " + warning);
    }
    List<Batch> batches = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      for (RuleSpec rule : rules) {
        batches.add(new Batch(scenario, rule, fleet, runs, maxHours));
      }
    }
    long started = System.nanoTime();
    List<List<FleetRun.Result>> results = new Simulation(threads, seed).run(batches);
    out.println();
    out.printf(
        "%-22s %-20s %12s %12s %8s %14s %12s %10s%n",
        "scenario",
        "rule",
        "blast median",
        "blast p95",
        "halted",
        "halt (min)",
        "completed",
        "running");
    for (int i = 0; i < batches.size(); i++) {
      Batch batch = batches.get(i);
      Summary s = Summary.of(batch.scenario(), batch.rule().name(), devices, results.get(i));
      out.printf(
          Locale.ROOT,
          "%-22s %-20s %12s %12s %7.0f%% %14s %11.0f%% %9.0f%%%n",
          s.scenario(),
          s.rule(),
          s.blastRadiusMedian() == null
              ? "(healthy)"
              : String.format(Locale.ROOT, "%,.0f", s.blastRadiusMedian()),
          s.blastRadiusP95() == null ? "" : String.format(Locale.ROOT, "%,.0f", s.blastRadiusP95()),
          100 * s.haltedShare(),
          s.timeToHaltMedianMinutes() == null
              ? "—"
              : String.format(Locale.ROOT, "%,.1f", s.timeToHaltMedianMinutes()),
          100 * s.completedShare(),
          100 * Math.max(0, 1 - s.haltedShare() - s.completedShare()));
    }
    out.printf(
        Locale.ROOT,
        "%nBlast radius: devices told to install the bad release before the halt. For healthy"
            + " scenarios, \"halted\" is the false-halt rate. \"running\": runs neither halted"
            + " nor completed after --max-hours (see the warnings above). %.1f s.%n",
        (System.nanoTime() - started) / 1e9);
  }

  /**
   * What in the plan the simulation cannot get past by itself: a ring promoted only by hand
   * (MANUAL), and a ring that adds no share and whose selector matches nothing in the simulated
   * fleet (groups it does not have), which never reaches its minimum devices.
   */
  static List<String> warnings(RingPlan plan, FleetSpec spec) {
    List<String> warnings = new ArrayList<>();
    Set<String> fleetGroups = new java.util.TreeSet<>();
    Fleet.GROUPS.forEach(fleetGroups::addAll);
    int previous = 0;
    List<Ring> rings = plan.rings();
    for (int i = 0; i < rings.size(); i++) {
      Ring ring = rings.get(i);
      boolean last = i == rings.size() - 1;
      if (ring.promotion() == Promotion.MANUAL) {
        warnings.add(
            String.format(
                Locale.ROOT,
                "ring '%s' is promoted only by hand (MANUAL): the simulation never %s, so its runs"
                    + " show as running",
                ring.name(),
                last ? "completes the rollout" : "leaves it"));
      }
      if (ring.shareBp() <= previous
          && ring.minDevices() > 0
          && !selectsInFleet(ring, spec, fleetGroups)) {
        warnings.add(
            String.format(
                Locale.ROOT,
                "ring '%s' adds no share and selects %s, which the simulated fleet does not have"
                    + " (its groups: %s): it never reaches its %d devices",
                ring.name(),
                ring.selector() == null || ring.selector().groups().isEmpty()
                    ? "no device"
                    : "groups " + String.join(", ", ring.selector().groups()),
                String.join(", ", fleetGroups),
                ring.minDevices()));
      }
      previous = ring.shareBp();
    }
    return warnings;
  }

  private static boolean selectsInFleet(Ring ring, FleetSpec spec, Set<String> fleetGroups) {
    Selector selector = ring.selector();
    if (selector == null) {
      return false;
    }
    if (selector.earlyAccessTenants() && spec.earlyAccessShare() > 0) {
      return true;
    }
    for (String group : selector.groups()) {
      if (fleetGroups.contains(group)) {
        return true;
      }
    }
    return false;
  }

  static String describe(RingPlan plan) {
    List<String> rings = new ArrayList<>();
    for (Ring ring : plan.rings()) {
      rings.add(
          String.format(
              Locale.ROOT,
              "%s %s %%%s",
              ring.name(),
              trim(ring.shareBp() / 100.0),
              ring.rampMinutes() > 0 ? " (ramp " + ring.rampMinutes() + " min)" : ""));
    }
    return String.join(" -> ", rings) + ", on halt " + plan.onHalt();
  }

  private static String trim(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int cut = message.indexOf('\n');
    return cut < 0 ? message : message.substring(0, cut);
  }

  private static void require(boolean valid, String message) {
    if (!valid) {
      throw new IllegalArgumentException(message);
    }
  }

  private static int integer(Map<String, String> o, String name, int fallback, int min, int max) {
    if (!o.containsKey(name)) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(o.get(name).replace("_", ""));
      require(value >= min && value <= max, "--" + name + " must be in " + min + ".." + max);
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number: " + o.get(name));
    }
  }

  private static double number(
      Map<String, String> o, String name, double fallback, double min, double max) {
    if (!o.containsKey(name)) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(o.get(name));
      require(value >= min && value <= max, "--" + name + " must be in " + min + ".." + max);
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number: " + o.get(name));
    }
  }
}
