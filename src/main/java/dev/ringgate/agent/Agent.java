package dev.ringgate.agent;

import dev.ringgate.kernel.ApiClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The reference endpoint agent's loop: the device id, the boot-loop watchdog at start, then check
 * in, act on the answer (install, roll back, stay), report, flush the telemetry spool, and wait
 * what the server asked (or back off) before the next check-in.
 */
public final class Agent {
  /** Exit codes: done; a check-in or a report failed; the credential was refused. */
  public static final int OK = 0;

  public static final int FAILED = 1;
  public static final int REFUSED = 3;

  /** How the agent is configured. */
  public record Settings(
      URI server,
      String key,
      String productId,
      String platform,
      String agentVersion,
      List<String> groups,
      Path stateDir,
      String idPrefix,
      Map<String, byte[]> vendorKeys,
      List<String> installCommand,
      BootWatchdog.Settings watchdog,
      Duration heartbeatEvery) {}

  private final Settings settings;
  private final Clock clock;
  private final Consumer<String> log;
  private final TelemetrySpool.Sleeper sleeper;
  private final String deviceId;
  private final InstalledVersions versions;
  private final TelemetrySpool spool;
  private final BootWatchdog watchdog;
  private final UpdateClient client;
  private final Installer installer;
  private final Set<String> refusedHere = new HashSet<>();
  private Instant lastHeartbeat;

  public Agent(
      Settings settings, Clock clock, TelemetrySpool.Sleeper sleeper, Consumer<String> log) {
    this.settings = settings;
    this.clock = clock;
    this.log = log;
    this.sleeper = sleeper;
    RandomGenerator random = RandomGenerator.getDefault();
    ApiClient api = ApiClient.of(settings.server()).withKey(settings.key());
    this.deviceId = DeviceIdentity.load(settings.stateDir(), settings.idPrefix());
    this.versions = new InstalledVersions(settings.stateDir());
    this.spool = new TelemetrySpool(settings.stateDir(), api, 3, sleeper, random, log);
    this.watchdog =
        new BootWatchdog(
            settings.stateDir(),
            versions,
            spool,
            deviceId,
            settings.productId(),
            settings.watchdog());
    this.client =
        new UpdateClient(
            api,
            new UpdateClient.Device(
                deviceId,
                settings.productId(),
                settings.platform(),
                settings.agentVersion(),
                settings.groups()),
            random);
    this.installer =
        new Installer(
            settings.stateDir(), versions, settings.vendorKeys(), settings.installCommand(), clock);
  }

  /** The device id this agent uses. */
  public String deviceId() {
    return deviceId;
  }

  /**
   * Runs the loop until interrupted, or one cycle when {@code once}. A start in loop mode is a boot
   * of the current version for the watchdog; a {@code once} run (from cron) is not.
   *
   * @return the exit code
   */
  public int run(boolean once) {
    log.accept(
        "device "
            + deviceId
            + ", product "
            + settings.productId()
            + ", running "
            + (versions.current() == null ? "nothing yet" : versions.current()));
    if (!once) {
      afterWatchdog(watchdog.recordBoot(clock.instant()));
    }
    while (true) {
      UpdateClient.CheckIn checkIn = cycle();
      boolean sent = spool.flush();
      if (checkIn.refused()) {
        log.accept("the server refused the key: " + checkIn.error());
        return REFUSED;
      }
      if (once) {
        return checkIn.answer() != null && sent ? OK : FAILED;
      }
      try {
        sleeper.sleep(checkIn.nextIn());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return OK;
      }
    }
  }

  /** One check-in and what follows from it. */
  UpdateClient.CheckIn cycle() {
    heartbeatIfDue();
    UpdateClient.CheckIn checkIn = client.checkIn(versions.current());
    if (checkIn.answer() == null) {
      log.accept(
          "check-in failed ("
              + checkIn.error()
              + "); keeping "
              + versions.current()
              + ", next try in "
              + checkIn.nextIn().toSeconds()
              + " s");
      return checkIn;
    }
    act(checkIn.answer());
    return checkIn;
  }

  /** The server's reason, with its code when it sent one: " [CODE]: words". */
  static String why(Answer answer) {
    String code = answer.reasonCode() == null ? "" : " [" + answer.reasonCode() + "]";
    return code + ": " + answer.reason();
  }

  private void act(Answer answer) {
    String current = versions.current();
    if (!answer.installs() || answer.version() == null || answer.version().equals(current)) {
      log.accept(answer.action() + (current == null ? "" : " " + current) + why(answer));
      return;
    }
    if (answer.action().equals("INSTALL") && watchdog.isBad(answer.version())) {
      log.accept("INSTALL " + answer.version() + " held back: it boot-looped on this device");
      return;
    }
    if (refusedHere.contains(answer.version())) {
      return;
    }
    log.accept(answer.action() + " " + answer.version() + why(answer));
    Installer.Result result = installer.install(answer);
    Instant now = clock.instant();
    if (!result.installed()) {
      refusedHere.add(answer.version());
      log.accept("install of " + answer.version() + " refused: " + result.detail());
      report(answer.version(), "INSTALL_FAILED", now, result.detail());
      return;
    }
    boolean rollback = answer.action().equals("ROLLBACK");
    report(answer.version(), rollback ? "ROLLED_BACK" : "INSTALLED", now, null);
    log.accept((rollback ? "rolled back to " : "installed ") + answer.version());
  }

  /**
   * A HEARTBEAT when the current version just became healthy (its good boot), then at most every
   * {@code heartbeatEvery} while it stays healthy.
   */
  private void heartbeatIfDue() {
    Instant now = clock.instant();
    String current = versions.current();
    if (current == null) {
      return;
    }
    boolean due =
        watchdog.checkHealthy(now)
            || (watchdog.isHealthy(current)
                && (lastHeartbeat == null
                    || !now.isBefore(lastHeartbeat.plus(settings.heartbeatEvery()))));
    if (due) {
      lastHeartbeat = now;
      report(current, "HEARTBEAT", now, null);
    }
  }

  private void afterWatchdog(BootWatchdog.Outcome outcome) {
    if (outcome == BootWatchdog.Outcome.REVERTED) {
      String restored = versions.current();
      log.accept("boot loop: reverted to " + restored + " locally");
      String hook = installer.reactivate(restored);
      if (hook != null) {
        log.accept("reactivating " + restored + " failed: " + hook);
      }
    } else if (outcome == BootWatchdog.Outcome.LOOPING) {
      log.accept("boot loop on " + versions.current() + ", and no previous version to go back to");
    }
  }

  private void report(String version, String type, Instant at, String detail) {
    spool.add(new TelemetrySpool.Event(deviceId, settings.productId(), version, type, at, detail));
  }

  /** Records a crash of the current version reported by the host; the watchdog may revert. */
  public static BootWatchdog.Outcome reportCrash(
      Path stateDir, String productId, Instant at, BootWatchdog.Settings watchdogSettings) {
    String deviceId = DeviceIdentity.load(stateDir, null);
    InstalledVersions versions = new InstalledVersions(stateDir);
    TelemetrySpool spool =
        new TelemetrySpool(
            stateDir,
            ApiClient.of(URI.create("http://unused")),
            1,
            d -> {},
            RandomGenerator.getDefault(),
            m -> {});
    return new BootWatchdog(stateDir, versions, spool, deviceId, productId, watchdogSettings)
        .recordCrash(at);
  }
}
