package dev.ringgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Follows one rollout through the API, as someone watching it would, and logs a line at each step:
 * a ring promoted, the rollout completed or halted (with the actor and reason), and every so often
 * where the current ring stands.
 */
final class RolloutWatch {
  static final Set<String> ENDED = Set.of("COMPLETED", "HALTED", "ROLLED_BACK", "SUPERSEDED");
  private static final Logger LOG = Logger.getLogger(RolloutWatch.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(20);

  private final DemoReleases releases;
  private final BooleanSupplier stopped;

  RolloutWatch(DemoReleases releases, BooleanSupplier stopped) {
    this.releases = releases;
    this.stopped = stopped;
  }

  /** Logs the rollout's steps until it ends; returns it as it ended. */
  JsonNode follow(String rolloutId, String version) {
    int ring = -1;
    long lastProgress = System.nanoTime();
    while (!stopped.getAsBoolean()) {
      JsonNode rollout = releases.rollout(rolloutId);
      String state = rollout.path("state").asText();
      int index = rollout.path("ringIndex").asInt();
      if (ENDED.contains(state)) {
        logEnd(version, rollout);
        return rollout;
      }
      if (ring >= 0 && index > ring) {
        for (int i = ring + 1; i <= index; i++) {
          logPromotion(version, rollout.path("rings"), i);
        }
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
        logProgress(version, rollout.path("rings").path(index));
        lastProgress = System.nanoTime();
      }
      ring = index;
      DemoScript.sleep(POLL, stopped);
    }
    throw new DemoException("stopped");
  }

  private static void logPromotion(String version, JsonNode rings, int index) {
    JsonNode passed = rings.path(index - 1);
    LOG.infof(
        "Demo: %s ring promoted: %s (%s) — %s passed: %s",
        version,
        rings.path(index).path("name").asText(),
        percent(rings.path(index).path("shareBp").asInt()),
        passed.path("name").asText(),
        passed.path("verdictDetail").asText());
  }

  private static void logEnd(String version, JsonNode rollout) {
    String state = rollout.path("state").asText();
    JsonNode last = rollout.path("history").path(rollout.path("history").size() - 1);
    if ("COMPLETED".equals(state)) {
      LOG.infof("Demo: %s COMPLETED: every ring passed its health gate.", version);
    } else {
      LOG.infof(
          "Demo: %s %s by %s: %s",
          version, state, last.path("actor").path("id").asText(), last.path("reason").asText());
    }
  }

  private static void logProgress(String version, JsonNode ring) {
    LOG.infof(
        "Demo: %s ring %s (%s admitted): %d exposed, %d crashed, %d silent; gate %s: %s",
        version,
        ring.path("name").asText(),
        percent((int) Math.round(ring.path("admittedBp").asDouble())),
        ring.path("exposedDevices").asLong(),
        ring.path("crashedDevices").asLong(),
        ring.path("silentDevices").asLong(),
        ring.path("verdict").asText(),
        ring.path("verdictDetail").asText());
  }

  /** Basis points as a percentage: {@code 100} is "1 %", {@code 50} is "0.5 %". */
  static String percent(int bp) {
    return bp % 100 == 0 ? bp / 100 + " %" : bp / 100.0 + " %";
  }
}
