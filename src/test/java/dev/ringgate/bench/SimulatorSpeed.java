package dev.ringgate.bench;

import dev.ringgate.health.domain.GateSettings;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.simulate.domain.Fleet;
import dev.ringgate.simulate.domain.FleetRun;
import dev.ringgate.simulate.domain.FleetSpec;
import dev.ringgate.simulate.domain.RinggateRule;
import dev.ringgate.simulate.domain.Rules;
import dev.ringgate.simulate.domain.Scenario;
import java.util.Locale;

/**
 * How fast the simulator is: one healthy rollout on a fleet where every device is simulated from
 * the start, over a simulated day, each check-in answered by the service's decision function or,
 * for a device whose answer cannot change, counted without being simulated (see {@code FleetRun}).
 *
 * <pre>
 * java -Xmx4g -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   dev.ringgate.bench.SimulatorSpeed [devices 1000000] [hours 24]
 * </pre>
 */
public final class SimulatorSpeed {
  public static void main(String[] args) {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    double hours = args.length > 1 ? Double.parseDouble(args[1]) : 24;
    long t0 = System.nanoTime();
    Fleet fleet = new Fleet(FleetSpec.standard(devices), "sensor", 1, null);
    double built = (System.nanoTime() - t0) / 1e9;
    RinggateRule rule =
        new RinggateRule(
            "ringgate",
            RingPlan.defaultPlan(),
            GateSettings.DEFAULTS,
            Rules.SILENT_AFTER_POLLS,
            Rules.EVALUATE_SECONDS);
    long t1 = System.nanoTime();
    FleetRun.Result run = new FleetRun(fleet, Scenario.HEALTHY, rule, 1, hours, true).run();
    double seconds = (System.nanoTime() - t1) / 1e9;
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "fleet of %,d built in %.1f s; %.1f simulated hours in %.1f s (%.0f x real time):"
            + " %,d check-ins (held devices' counted, not simulated), %,.0f per second; rollout"
            + " at ring %d (%s);"
            + " heap in use %d MiB%n",
        devices,
        built,
        run.simulatedHours(),
        seconds,
        run.simulatedHours() * 3600 / seconds,
        run.polls(),
        run.polls() / seconds,
        run.stage(),
        run.completed() ? "completed" : "in progress",
        (rt.totalMemory() - rt.freeMemory()) >> 20);
  }
}
