package dev.ringgate.simulate.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Many seeded runs of scenarios under rules, on as many threads as asked. Run {@code k} of a
 * scenario uses seed {@code baseSeed + k} whatever the rule, so rules meet the same fleets.
 */
public final class Simulation {
  /** A rule under a name, made fresh for each run (rules keep state). */
  public record RuleSpec(String name, Function<Scenario, Rule> factory) {}

  /** One batch: a scenario under a rule, on a fleet, so many runs. */
  public record Batch(Scenario scenario, RuleSpec rule, Fleet fleet, int runs, double maxHours) {}

  private final int threads;
  private final long baseSeed;

  public Simulation(int threads, long baseSeed) {
    this.threads = Math.max(1, threads);
    this.baseSeed = baseSeed;
  }

  /** Runs every batch; results in batch order, runs in seed order. */
  public List<List<FleetRun.Result>> run(List<Batch> batches) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<List<Future<FleetRun.Result>>> futures = new ArrayList<>();
      for (Batch batch : batches) {
        List<Future<FleetRun.Result>> runs = new ArrayList<>();
        for (int k = 0; k < batch.runs(); k++) {
          long seed = baseSeed + k;
          runs.add(
              pool.submit(
                  () ->
                      new FleetRun(
                              batch.fleet(),
                              batch.scenario(),
                              batch.rule().factory().apply(batch.scenario()),
                              seed,
                              batch.maxHours())
                          .run()));
        }
        futures.add(runs);
      }
      List<List<FleetRun.Result>> results = new ArrayList<>();
      for (List<Future<FleetRun.Result>> runs : futures) {
        List<FleetRun.Result> batch = new ArrayList<>();
        for (Future<FleetRun.Result> run : runs) {
          batch.add(run.get());
        }
        results.add(batch);
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("simulation interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a run failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
