package dev.ringgate.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringgate.kernel.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's telemetry, on disk until the server has it: {@link #add} appends an event to {@code
 * telemetry.spool} and forces it to disk before it returns; {@link #flush} sends the spooled events
 * in batches of at most 1000 and removes a batch only once the server answered 202. A kill at any
 * moment loses nothing acknowledged to the caller; at worst a batch sent just before the kill is
 * sent again after the restart, which stores its events twice but counts no device twice (the
 * server counts devices, not events), so at-least-once delivery is harmless.
 *
 * <p>The spool may be shared by processes ({@code agent report-crash} appends while the agent
 * runs): every change holds an exclusive lock on {@code telemetry.lock}, and events are removed by
 * their spool id, never by position.
 */
public final class TelemetrySpool {
  /** The most events the server takes in one request. */
  public static final int MAX_BATCH = 1000;

  private static final ObjectMapper JSON = ApiClient.json();
  private static final Pattern EVENT_FIELD = Pattern.compile("^events\\[(\\d+)]");
  private static final Object IN_THIS_JVM = new Object();

  /** One event as the server takes it. */
  public record Event(
      String deviceId, String productId, String version, String type, Instant at, String detail) {}

  /** Waits between attempts; tests pass one that does not sleep. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Path spool;
  private final Path lock;
  private final ApiClient api;
  private final int attempts;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final Consumer<String> log;

  /**
   * @param api with the DEVICE key
   * @param attempts how often a batch is sent before {@link #flush} gives up for now
   */
  public TelemetrySpool(
      Path stateDir,
      ApiClient api,
      int attempts,
      Sleeper sleeper,
      RandomGenerator random,
      Consumer<String> log) {
    this.spool = stateDir.resolve("telemetry.spool");
    this.lock = stateDir.resolve("telemetry.lock");
    this.api = api;
    this.attempts = attempts;
    this.sleeper = sleeper;
    this.random = random;
    this.log = log;
  }

  /** Appends {@code event} durably: on disk when this returns. */
  public void add(Event event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("id", UUID.randomUUID().toString());
    line.set("event", wire(event));
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    locked(
        () -> {
          try (FileChannel channel =
              FileChannel.open(
                  spool,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
              channel.write(buffer);
            }
            channel.force(true);
          }
          return null;
        });
  }

  /** The events waiting to be sent. */
  public List<Event> pending() {
    List<Event> events = new ArrayList<>();
    for (Spooled s : locked(this::readAll)) {
      JsonNode e = s.event();
      events.add(
          new Event(
              e.path("deviceId").asText(),
              e.path("productId").asText(),
              e.path("version").asText(),
              e.path("type").asText(),
              Instant.parse(e.path("at").asText()),
              e.path("detail").asText(null)));
    }
    return events;
  }

  /**
   * Sends the spooled events, oldest first, batch by batch, each up to {@code attempts} times with
   * back-off; a batch leaves the spool only when answered 202. Events a 400 names are dropped (the
   * server never takes a batch with them), the rest are sent again.
   *
   * @return whether the spool is empty now
   */
  public boolean flush() {
    while (true) {
      List<Spooled> batch = locked(this::readAll);
      if (batch.isEmpty()) {
        return true;
      }
      batch = batch.subList(0, Math.min(MAX_BATCH, batch.size()));
      if (!send(batch)) {
        return false;
      }
    }
  }

  private record Spooled(String id, JsonNode event) {}

  /** Says when stored events counted toward no rollout, and why (the server's 202 says so). */
  private void logUncounted(JsonNode answer) {
    JsonNode uncounted = answer == null ? null : answer.path("uncounted");
    if (uncounted != null && uncounted.path("total").asInt(0) > 0) {
      log.accept(
          "telemetry stored, but "
              + uncounted.path("total").asInt()
              + " event(s) counted toward no rollout: "
              + uncounted.path("byReason"));
    }
  }

  /** Sends one batch; whether it left the spool. */
  private boolean send(List<Spooled> batch) {
    ObjectNode body = JSON.createObjectNode();
    batch.forEach(s -> body.withArray("events").add(s.event()));
    for (int attempt = 1; attempt <= attempts; attempt++) {
      ApiClient.Reply reply;
      try {
        reply = api.post("/api/v1/telemetry", body);
      } catch (UncheckedIOException e) {
        log.accept("telemetry not sent (" + e.getMessage() + ")");
        reply = null;
      }
      if (reply != null && reply.is(202)) {
        remove(batch);
        logUncounted(reply.body());
        return true;
      }
      if (reply != null && reply.is(400)) {
        remove(refused(batch, reply));
        return true;
      }
      if (reply != null) {
        log.accept("telemetry not accepted: " + reply.problem().getMessage());
        if (reply.status() == 401 || reply.status() == 403) {
          return false;
        }
      }
      if (attempt < attempts && !pause(UpdateClient.backoff(attempt, random))) {
        return false;
      }
    }
    return false;
  }

  /** The events of a batch a 400 names; all of them when it names none. */
  private List<Spooled> refused(List<Spooled> batch, ApiClient.Reply reply) {
    List<Spooled> refused = new ArrayList<>();
    for (JsonNode v : reply.body().path("violations")) {
      Matcher m = EVENT_FIELD.matcher(v.path("field").asText(""));
      if (m.find() && Integer.parseInt(m.group(1)) < batch.size()) {
        refused.add(batch.get(Integer.parseInt(m.group(1))));
        log.accept("telemetry event dropped, refused by the server: " + v);
      }
    }
    if (refused.isEmpty()) {
      log.accept("telemetry batch dropped, refused whole: " + reply.problem().getMessage());
      return batch;
    }
    return refused;
  }

  private boolean pause(Duration wait) {
    try {
      sleeper.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void remove(List<Spooled> sent) {
    Set<String> ids = new HashSet<>();
    sent.forEach(s -> ids.add(s.id()));
    locked(
        () -> {
          StringBuilder kept = new StringBuilder();
          for (Spooled s : readAll()) {
            if (!ids.contains(s.id())) {
              ObjectNode line = JSON.createObjectNode();
              line.put("id", s.id());
              line.set("event", s.event());
              kept.append(line).append('\n');
            }
          }
          StateFiles.write(spool, kept.toString());
          return null;
        });
  }

  /** The spooled events; a line torn by a kill during {@link #add} was never acknowledged. */
  private List<Spooled> readAll() throws IOException {
    List<Spooled> all = new ArrayList<>();
    if (!Files.exists(spool)) {
      return all;
    }
    for (String line : Files.readAllLines(spool, StandardCharsets.UTF_8)) {
      try {
        JsonNode node = JSON.readTree(line);
        if (node != null && node.path("id").isTextual() && node.path("event").isObject()) {
          all.add(new Spooled(node.get("id").asText(), node.get("event")));
        }
      } catch (IOException torn) {
        // skipped; dropped at the next rewrite
      }
    }
    return all;
  }

  private static ObjectNode wire(Event event) {
    ObjectNode node = JSON.createObjectNode();
    node.put("deviceId", event.deviceId());
    node.put("productId", event.productId());
    node.put("version", event.version());
    node.put("type", event.type());
    node.put("at", event.at().toString());
    if (event.detail() != null) {
      node.put("detail", event.detail());
    }
    return node;
  }

  private interface Work<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} holding the spool's lock, against this JVM's threads and other processes. */
  private <T> T locked(Work<T> work) {
    synchronized (IN_THIS_JVM) {
      try {
        Files.createDirectories(lock.toAbsolutePath().getParent());
        try (FileChannel channel =
                FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held = channel.lock()) {
          return work.run();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("telemetry spool " + spool + ": " + e.getMessage(), e);
      }
    }
  }
}
