package dev.ringgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.ringgate.kernel.ApiClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telemetry on disk until the server acknowledged it with 202. */
class TelemetrySpoolTest {
  @TempDir Path state;
  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(202);
  private final List<JsonNode> batches = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicReference<String> answer =
      new java.util.concurrent.atomic.AtomicReference<>("{}");
  private final List<String> logged = new CopyOnWriteArrayList<>();

  @BeforeEach
  void aTelemetryEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/telemetry",
        exchange -> {
          batches.add(ApiClient.json().readTree(exchange.getRequestBody()));
          byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private TelemetrySpool spool() {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new TelemetrySpool(
        state,
        ApiClient.of(base).withKey("k"),
        3,
        d -> {},
        RandomGenerator.getDefault(),
        logged::add);
  }

  private static TelemetrySpool.Event event(int i) {
    return new TelemetrySpool.Event(
        "dev-" + i, "agent", "2.0.0", "HEARTBEAT", Instant.parse("2026-01-01T00:00:00Z"), null);
  }

  @Test
  void eventsStoredButCountedTowardNoRolloutAreLoggedWithTheirReasons() {
    // Given a server that stores the events but counts them toward no rollout
    answer.set("{\"accepted\":2,\"uncounted\":{\"total\":2,\"byReason\":{\"NOT_OFFERED\":2}}}");
    TelemetrySpool spool = spool();
    spool.add(event(1));
    spool.add(event(2));

    // When
    assertThat(spool.flush()).isTrue();

    // Then
    assertThat(logged)
        .containsExactly(
            "telemetry stored, but 2 event(s) counted toward no rollout: {\"NOT_OFFERED\":2}");
  }

  @Test
  void eventsSpooledBeforeACrashAreSentByTheNextStart() {
    // Given: events spooled while the server is down, then the process is gone
    status.set(503);
    TelemetrySpool before = spool();
    before.add(event(1));
    before.add(event(2));
    assertThat(before.flush()).isFalse();

    // When: a new spool on the same directory flushes with the server back
    status.set(202);
    boolean empty = spool().flush();

    // Then: both reached the server, and the spool is empty
    assertThat(empty).isTrue();
    JsonNode last = batches.get(batches.size() - 1);
    assertThat(last.path("events")).hasSize(2);
    assertThat(last.path("events").get(0).path("deviceId").asText()).isEqualTo("dev-1");
    assertThat(spool().pending()).isEmpty();
  }

  @Test
  void aFailingServerKeepsTheEventsAfterItsRetries() {
    // Given
    status.set(503);
    TelemetrySpool spool = spool();
    spool.add(event(1));

    // When
    boolean empty = spool.flush();

    // Then: sent three times, still spooled
    assertThat(empty).isFalse();
    assertThat(batches).hasSize(3);
    assertThat(spool.pending()).extracting(TelemetrySpool.Event::deviceId).containsExactly("dev-1");
  }

  @Test
  void anUnreachableServerKeepsTheEvents() {
    // Given
    TelemetrySpool spool = spool();
    spool.add(event(1));
    server.stop(0);

    // When
    boolean empty = spool.flush();

    // Then
    assertThat(empty).isFalse();
    assertThat(spool.pending()).hasSize(1);
  }

  @Test
  void eventsAreSentInBatchesOfAtMostAThousand() {
    // Given
    TelemetrySpool spool = spool();
    for (int i = 0; i < 1001; i++) {
      spool.add(event(i));
    }

    // When
    spool.flush();

    // Then
    assertThat(batches).extracting(b -> b.path("events").size()).containsExactly(1000, 1);
  }

  @Test
  void aLineTornByAKillIsSkippedAndTheRestIsSent() throws IOException {
    // Given: one whole event and half of a second one
    TelemetrySpool spool = spool();
    spool.add(event(1));
    Files.writeString(
        state.resolve("telemetry.spool"), "{\"id\":\"x\",\"ev", StandardOpenOption.APPEND);

    // When
    boolean empty = spool.flush();

    // Then
    assertThat(empty).isTrue();
    assertThat(batches.get(0).path("events")).hasSize(1);
  }
}
