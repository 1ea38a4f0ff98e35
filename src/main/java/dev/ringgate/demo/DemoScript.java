package dev.ringgate.demo;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The demo's story, told through the API: seed, complete a baseline, start the fleet, roll out a
 * healthy release ring by ring, then a bad one that the health gate halts and rolls back.
 */
final class DemoScript implements Runnable {
  static final String BASELINE = "1.0.0";
  static final String GOOD = "1.1.0";
  static final String BAD = "1.2.0";
  private static final Logger LOG = Logger.getLogger(DemoScript.class);
  private static final Duration ROLLBACK_REPORT_EVERY = Duration.ofSeconds(5);

  private final DemoApi api;
  private final OperatorKey operatorKey;
  private final DemoConfig config;
  private final ScheduledExecutorService fleetThreads;
  private volatile boolean stopped;
  private volatile Fleet fleet;

  DemoScript(
      DemoApi api,
      OperatorKey operatorKey,
      DemoConfig config,
      ScheduledExecutorService fleetThreads) {
    this.api = api;
    this.operatorKey = operatorKey;
    this.config = config;
    this.fleetThreads = fleetThreads;
  }

  @Override
  public void run() {
    try {
      tell();
    } catch (DemoException e) {
      if (!stopped) {
        LOG.errorf("Demo stopped: %s", e.getMessage());
      }
    } catch (RuntimeException e) {
      if (!stopped) {
        LOG.error("Demo stopped by an unexpected error", e);
      }
    }
  }

  void stop() {
    stopped = true;
    Fleet running = fleet;
    if (running != null) {
      running.stop();
    }
  }

  private void tell() {
    LOG.infof(
        "Demo mode: seeding a demo vendor, %d tenants and a product through %s, then driving %d"
            + " simulated devices.",
        DemoTenant.ALL.size(), api.base(), config.devices());
    DemoWorld world = new DemoSeed(api, operatorKey.value(), config).seed();
    DemoReleases releases = new DemoReleases(api, world);
    LOG.infof(
        "Demo: seeded vendor %s, tenants %s, product %s with the ring plan canary 1 %% (and the"
            + " early-access tenant) -> early 10 %% -> half 50 %% -> general 100 %%, each ring"
            + " baking %d min.",
        world.vendorId(),
        DemoTenant.ALL.stream().map(t -> t.id() + " (" + t.channel() + ")").toList(),
        world.productId(),
        config.bakeMinutes());
    logWatchCommands(world);
    logConsole(world);

    String baseline = releases.publish(BASELINE, "Demo baseline.");
    releases.act(baseline, "start", "demo baseline");
    releases.forceComplete(baseline);
    LOG.infof("Demo: %s published and COMPLETED (forced): the fleet runs it.", BASELINE);

    fleet = new Fleet(api, world, config, fleetThreads, BASELINE);
    fleet.start();
    LOG.infof(
        "Demo: %d devices check in every ~%d s and report telemetry.",
        fleet.size(), config.pollSeconds());
    sleep(Duration.ofSeconds(Math.max(3, 2L * config.pollSeconds())), this::isStopped);

    RolloutWatch watch = new RolloutWatch(releases, this::isStopped);
    String good = releases.publish(GOOD, "Demo: a healthy release.");
    releases.act(good, "start", "demo: a healthy release");
    LOG.infof("Demo: release %s started (rollout %s).", GOOD, good);
    logRolloutCommand(good);
    watch.follow(good, GOOD);
    sleep(Duration.ofSeconds(config.pauseSeconds()), this::isStopped);

    fleet.markBad(BAD);
    String bad = releases.publish(BAD, "Demo: a release that crashes the devices that install it.");
    releases.act(bad, "start", "demo: a bad release");
    LOG.infof("Demo: release %s started (rollout %s); devices that install it crash.", BAD, bad);
    logRolloutCommand(bad);
    watch.follow(bad, BAD);
    awaitRollbacks();
    LOG.info("Demo: finished. The fleet keeps checking in; the API is yours to explore.");
  }

  private void awaitRollbacks() {
    long deadline =
        System.nanoTime() + Duration.ofSeconds(60L + 10L * config.pollSeconds()).toNanos();
    long took = 0;
    long stillOn = 0;
    while (!stopped && System.nanoTime() < deadline) {
      took = fleet.took(BAD);
      stillOn = fleet.runningNow(BAD);
      if (stillOn == 0) {
        LOG.infof(
            "Demo: devices rolled back: all %d devices that took %s were told ROLLBACK and run %s"
                + " again.",
            took, BAD, GOOD);
        return;
      }
      LOG.infof("Demo: devices rolled back: %d of %d so far.", took - stillOn, took);
      sleep(ROLLBACK_REPORT_EVERY, this::isStopped);
    }
    LOG.infof("Demo: %d of the %d devices that took %s still run it.", stillOn, took, BAD);
  }

  /** The friendliest way to watch: the web console, signed in as the demo vendor. */
  private void logConsole(DemoWorld world) {
    LOG.infof(
        "Demo: watch it in the web console: open %sconsole and sign in with the demo vendor's"
            + " key %s (the healthy release walks the rings, the bad one halts itself, live)."
            + " Operators sign in with the operator key.",
        api.base(), world.vendorKey());
  }

  private void logWatchCommands(DemoWorld world) {
    String api = api().toString();
    LOG.infof("Demo: the operator key is %s. To watch, in a shell:", operatorKey.where());
    LOG.infof("  OP=%s; API=%s", operatorKey.shellValue(), api);
    LOG.infof(
        "  curl -s -H \"Authorization: Bearer $OP\" $API/products/%s/rollouts"
            + " | jq '.[] | {id, version, state, ringIndex}'",
        world.productId());
    LOG.infof(
        "  curl -s -H \"Authorization: Bearer $OP\" \"$API/tenants/%s/fleet?productId=%s\" | jq",
        DemoTenant.ALL.get(0).id(), world.productId());
  }

  private void logRolloutCommand(String rolloutId) {
    LOG.infof(
        "  curl -s -H \"Authorization: Bearer $OP\" $API/rollouts/%s | jq '{state, ringIndex,"
            + " rings: [.rings[] | {name, admittedBp, exposedDevices, crashedDevices, verdict}],"
            + " last: .history[-1]}'",
        rolloutId);
  }

  private java.net.URI api() {
    return api.base().resolve("/api/v1");
  }

  private boolean isStopped() {
    return stopped;
  }

  /** Sleeps, waking early when stopped; throws when stopped. */
  static void sleep(Duration duration, BooleanSupplier stopped) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      if (stopped.getAsBoolean()) {
        throw new DemoException("stopped");
      }
      try {
        Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DemoException("interrupted");
      }
    }
  }
}
