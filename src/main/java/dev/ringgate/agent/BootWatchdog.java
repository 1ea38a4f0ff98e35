package dev.ringgate.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The local boot-loop guard. Every start of the product on a version not yet known healthy, and
 * every crash the host reports, is recorded in the state directory's {@code boots} file. When
 * {@code maxBoots} of them fall within {@code window} and a previous version is kept, the device
 * goes back to it on its own, marks the version bad (it is not installed again here), and queues
 * {@code BOOT_LOOP} (version: the bad one, at: when the loop began) then {@code ROLLED_BACK}
 * (version: the one now running). No server is needed: a device that cannot get far enough to check
 * in still recovers, which is what the machine-by-machine recovery of July 2024 lacked.
 *
 * <p>A version that ran {@code healthyAfter} since it was switched to and since its last recorded
 * boot or crash is healthy: its records are cleared and it is no longer guarded.
 */
public final class BootWatchdog {
  /** The rule: {@code maxBoots} starts or crashes within {@code window}, unless healthy first. */
  public record Settings(int maxBoots, Duration window, Duration healthyAfter) {
    public static final Settings DEFAULTS =
        new Settings(3, Duration.ofMinutes(10), Duration.ofMinutes(5));

    public Settings {
      if (maxBoots < 1 || window.isNegative() || healthyAfter.isNegative()) {
        throw new IllegalArgumentException("maxBoots must be positive, durations not negative");
      }
    }
  }

  /** What a recorded boot or crash led to. */
  public enum Outcome {
    /** Nothing to do. */
    RUNNING,
    /** The previous version runs again. */
    REVERTED,
    /** A boot loop, but no previous version to go back to: reported, nothing else. */
    LOOPING
  }

  private final Path stateDir;
  private final InstalledVersions versions;
  private final TelemetrySpool spool;
  private final String deviceId;
  private final String productId;
  private final Settings settings;

  public BootWatchdog(
      Path stateDir,
      InstalledVersions versions,
      TelemetrySpool spool,
      String deviceId,
      String productId,
      Settings settings) {
    this.stateDir = stateDir;
    this.versions = versions;
    this.spool = spool;
    this.deviceId = deviceId;
    this.productId = productId;
    this.settings = settings;
  }

  /** A start of the product on the current version. */
  public Outcome recordBoot(Instant now) {
    return record("boot", now);
  }

  /** A crash of the current version, reported by the product or the host; queues a CRASH. */
  public Outcome recordCrash(Instant at) {
    String current = versions.current();
    if (current == null) {
      return Outcome.RUNNING;
    }
    spool.add(new TelemetrySpool.Event(deviceId, productId, current, "CRASH", at, null));
    return record("crash", at);
  }

  /**
   * Marks the current version healthy once it ran {@code healthyAfter} since it was switched to and
   * since its last recorded boot or crash; clears its records.
   *
   * @return whether it became healthy now (the time for a HEARTBEAT)
   */
  public boolean checkHealthy(Instant now) {
    InstalledVersions.State state = versions.state();
    if (state.current() == null || isHealthy(state.current())) {
      return false;
    }
    Instant since = state.switchedAt();
    for (Boot boot : boots(state.current())) {
      since = since == null || boot.at().isAfter(since) ? boot.at() : since;
    }
    if (since != null && Duration.between(since, now).compareTo(settings.healthyAfter()) < 0) {
      return false;
    }
    StateFiles.write(stateDir.resolve("healthy"), state.current() + "\n");
    StateFiles.write(stateDir.resolve("boots"), "");
    return true;
  }

  /** Whether {@code version} is the current version known healthy. */
  public boolean isHealthy(String version) {
    String healthy = StateFiles.read(stateDir.resolve("healthy"));
    return healthy != null && healthy.strip().equals(version);
  }

  /** Whether {@code version} boot-looped on this device: it is not installed here again. */
  public boolean isBad(String version) {
    return badVersions().contains(version);
  }

  private record Boot(Instant at, String kind, String version) {}

  private Outcome record(String kind, Instant at) {
    String current = versions.current();
    if (current == null || isHealthy(current)) {
      return Outcome.RUNNING;
    }
    List<Boot> boots = boots(current);
    boots.add(new Boot(at, kind, current));
    writeBoots(boots);
    Instant began = loopBegan(boots);
    if (began == null) {
      return Outcome.RUNNING;
    }
    writeBoots(List.of());
    spool.add(new TelemetrySpool.Event(deviceId, productId, current, "BOOT_LOOP", began, null));
    String restored = versions.revert(at);
    if (restored == null) {
      return Outcome.LOOPING;
    }
    Set<String> bad = badVersions();
    bad.add(current);
    StateFiles.write(stateDir.resolve("bad-versions"), String.join("\n", bad) + "\n");
    spool.add(
        new TelemetrySpool.Event(
            deviceId,
            productId,
            restored,
            "ROLLED_BACK",
            at,
            "boot loop on " + current + ": reverted locally by the agent's watchdog"));
    return Outcome.REVERTED;
  }

  /** When the first of {@code maxBoots} records within {@code window} happened, or null. */
  private Instant loopBegan(List<Boot> boots) {
    List<Instant> times = new ArrayList<>();
    boots.forEach(b -> times.add(b.at()));
    times.sort(null);
    int n = settings.maxBoots();
    for (int i = 0; i + n - 1 < times.size(); i++) {
      if (Duration.between(times.get(i), times.get(i + n - 1)).compareTo(settings.window()) <= 0) {
        return times.get(i);
      }
    }
    return null;
  }

  private List<Boot> boots(String version) {
    List<Boot> boots = new ArrayList<>();
    String text = StateFiles.read(stateDir.resolve("boots"));
    if (text == null) {
      return boots;
    }
    for (String line : text.split("\n")) {
      String[] parts = line.strip().split(" ");
      if (parts.length == 3 && parts[2].equals(version)) {
        boots.add(new Boot(Instant.parse(parts[0]), parts[1], parts[2]));
      }
    }
    return boots;
  }

  private void writeBoots(List<Boot> boots) {
    StringBuilder text = new StringBuilder();
    boots.forEach(
        b ->
            text.append(b.at())
                .append(' ')
                .append(b.kind())
                .append(' ')
                .append(b.version())
                .append('\n'));
    StateFiles.write(stateDir.resolve("boots"), text.toString());
  }

  private Set<String> badVersions() {
    Set<String> bad = new LinkedHashSet<>();
    String text = StateFiles.read(stateDir.resolve("bad-versions"));
    if (text != null) {
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          bad.add(line.strip());
        }
      }
    }
    return bad;
  }
}
