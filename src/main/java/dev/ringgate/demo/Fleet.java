package dev.ringgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.simulate.domain.DeviceHabits;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The simulated fleet: each device checks in on its own jittered interval, does what it is told
 * (INSTALL, ROLLBACK), reports INSTALLED, HEARTBEAT and ROLLED_BACK, and crashes shortly after
 * installing a release marked bad. A few threads make all the calls: a device's check-in runs on
 * one of them and schedules the next.
 */
final class Fleet {
  private static final Logger LOG = Logger.getLogger(Fleet.class);

  /** Each wait between check-ins is jittered by up to this share, either way. */
  private static final double POLL_JITTER = 0.2;

  private final DemoApi api;
  private final DemoWorld world;
  private final DemoConfig config;
  private final ScheduledExecutorService scheduler;
  private final TelemetryOutbox outbox;
  private final List<SimulatedDevice> devices = new ArrayList<>();
  private final Set<String> bad = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;
  private volatile boolean warned;

  Fleet(
      DemoApi api,
      DemoWorld world,
      DemoConfig config,
      ScheduledExecutorService scheduler,
      String baseline) {
    this.api = api;
    this.world = world;
    this.config = config;
    this.scheduler = scheduler;
    this.outbox = new TelemetryOutbox(api, world);
    Map<String, Integer> perTenant = new HashMap<>();
    for (int i = 0; i < config.devices(); i++) {
      DemoTenant tenant = DemoTenant.of(i, config.devices());
      int n = perTenant.merge(tenant.id(), 1, Integer::sum);
      String id = tenant.id() + "-" + String.format(Locale.ROOT, "%04d", n);
      devices.add(new SimulatedDevice(id, tenant.id(), baseline, config.pollSeconds()));
    }
  }

  /** Starts every device at a random moment of the first poll interval. */
  void start() {
    for (SimulatedDevice device : devices) {
      long delay = DeviceHabits.pollPhase(ThreadLocalRandom.current(), config.pollSeconds() * 1000);
      scheduler.schedule(() -> checkin(device), delay, TimeUnit.MILLISECONDS);
    }
    scheduler.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
  }

  void stop() {
    stopped = true;
  }

  private void flush() {
    if (!stopped) {
      outbox.flush();
    }
  }

  /** From now on, devices that install {@code version} crash shortly after. */
  void markBad(String version) {
    bad.add(version);
  }

  int size() {
    return devices.size();
  }

  /** Devices that run {@code version} now. */
  long runningNow(String version) {
    return devices.stream().filter(d -> version.equals(current(d))).count();
  }

  /** Devices that installed the bad {@code version}. */
  long took(String version) {
    return devices.stream().filter(d -> tookBad(d, version)).count();
  }

  private static String current(SimulatedDevice d) {
    synchronized (d) {
      return d.current();
    }
  }

  private static boolean tookBad(SimulatedDevice d, String version) {
    synchronized (d) {
      return d.tookBad(version);
    }
  }

  private void checkin(SimulatedDevice device) {
    if (stopped) {
      return;
    }
    int wait = config.pollSeconds();
    try {
      synchronized (device) {
        wait = checkinNow(device);
      }
    } catch (UncheckedIOException e) {
      // the service is stopping, or too busy to answer in time: the device tries again later
      LOG.debugf("Demo: %s", e.getMessage());
    } catch (RuntimeException e) {
      warnOnce("a check-in failed: " + e.getMessage());
    }
    int millis =
        DeviceHabits.pollDelay(
            ThreadLocalRandom.current(), wait * 1000, (int) Math.round(wait * 1000 * POLL_JITTER));
    if (!stopped) {
      scheduler.schedule(() -> checkin(device), Math.max(200, millis), TimeUnit.MILLISECONDS);
    }
  }

  /** One check-in, with the report due before it; returns the seconds until the next one. */
  private int checkinNow(SimulatedDevice device) {
    long now = System.currentTimeMillis();
    String report = device.dueReport(now, config.heartbeatSeconds() * 1000L);
    if (report != null) {
      outbox.add(device, device.current(), report);
    }
    DemoApi.Reply reply =
        api.get(
            world.deviceKeys().get(device.tenantId()),
            device.checkinPath(world.productId()),
            device.etag());
    if (reply.is(200)) {
      JsonNode answer = reply.body();
      device.answered(
          reply.etag(), answer.path("pollAfterSeconds").asInt(device.pollAfterSeconds()));
      act(device, answer.path("action").asText(), answer.path("version").asText(null), now);
    } else if (!reply.is(304)) {
      warnOnce("a check-in answered HTTP " + reply.status());
    }
    return Math.max(1, Math.min(config.pollSeconds(), device.pollAfterSeconds()));
  }

  private void act(SimulatedDevice device, String action, String version, long now) {
    if (version == null || version.equals(device.current())) {
      return;
    }
    if ("INSTALL".equals(action)) {
      boolean isBad = bad.contains(version);
      boolean crashes = isBad && ThreadLocalRandom.current().nextDouble() < config.crashShare();
      device.installed(version, isBad, crashes, now);
      outbox.add(device, version, "INSTALLED");
      if (!crashes) {
        outbox.add(device, version, "HEARTBEAT");
      } else if (config.crashAfterSeconds() == 0) {
        crash(device);
      } else {
        scheduler.schedule(() -> crashLocked(device), config.crashAfterSeconds(), TimeUnit.SECONDS);
      }
    } else if ("ROLLBACK".equals(action)) {
      device.rolledBackTo(version);
      outbox.add(device, version, "ROLLED_BACK");
    }
  }

  private void crashLocked(SimulatedDevice device) {
    synchronized (device) {
      crash(device);
    }
  }

  private void crash(SimulatedDevice device) {
    if (device.crash()) {
      outbox.add(device, device.current(), "CRASH");
    }
  }

  private void warnOnce(String message) {
    if (stopped) {
      LOG.debugf("Demo: %s", message);
    } else if (!warned) {
      warned = true;
      LOG.warnf("Demo: %s (further failures are logged at DEBUG)", message);
    } else {
      LOG.debugf("Demo: %s", message);
    }
  }
}
