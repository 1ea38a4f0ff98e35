package dev.ringgate.it;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Ringgate process started from the packaged jar (the JVM itself, no wrapper shell), on
 * PostgreSQL or on the embedded default store.
 */
final class Replica implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private Replica(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static Replica start(String name, String jdbcUrl, String schema) throws IOException {
    return start(name, jdbcUrl, schema, Map.of());
  }

  /** A replica with further environment variables (Kafka, for instance). */
  static Replica start(String name, String jdbcUrl, String schema, Map<String, String> extra)
      throws IOException {
    return start(
        name, Files.createTempDirectory("ringgate-" + name), postgres(jdbcUrl, schema, extra));
  }

  /** A replica on PostgreSQL whose data directory is {@code dataDir}. */
  static Replica onPostgres(String name, String jdbcUrl, String schema, Path dataDir)
      throws IOException {
    return start(name, dataDir, postgres(jdbcUrl, schema, Map.of()));
  }

  /** A replica on the embedded default store (H2) in {@code dataDir}, as a new user runs it. */
  static Replica embedded(String name, Path dataDir) throws IOException {
    return start(name, dataDir, Map.of());
  }

  private static Map<String, String> postgres(
      String jdbcUrl, String schema, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_PROFILE", "prod,pg");
    env.put("QUARKUS_DATASOURCE__PG__JDBC_URL", jdbcUrl + "?currentSchema=" + schema);
    env.put(
        "QUARKUS_DATASOURCE__PG__USERNAME", System.getProperty("ringgate.it.pg-user", "postgres"));
    env.put("QUARKUS_FLYWAY__PG__SCHEMAS", schema);
    env.put("QUARKUS_DATASOURCE__PG__JDBC_ACQUISITION_TIMEOUT", "2S");
    env.putAll(extra);
    return env;
  }

  /** A free port to start a process on (and to start it on again after a kill). */
  static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  /** A process on the embedded store in {@code dataDir}, on {@code port}. */
  static Replica embedded(String name, Path dataDir, int port) throws IOException {
    return start(name, dataDir, Map.of(), port);
  }

  /**
   * An edge relay ({@code relay} command) of {@code upstream} with {@code key}, on {@code port}.
   */
  static Replica relay(
      String name, Path dataDir, int port, String upstream, String key, Map<String, String> extra)
      throws IOException {
    Map<String, String> env = new HashMap<>(extra);
    env.put("RINGGATE_RELAY_UPSTREAM", upstream);
    env.put("RINGGATE_RELAY_KEY", key);
    return start(name, dataDir, env, port, "relay");
  }

  private static Replica start(String name, Path dataDir, Map<String, String> store)
      throws IOException {
    return start(name, dataDir, store, freePort());
  }

  private static Replica start(
      String name, Path dataDir, Map<String, String> store, int port, String... args)
      throws IOException {
    Path log = Path.of("target", "it-" + name + ".log");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                System.getProperty("ringgate.it.jar")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    env.put("RINGGATE_OPERATOR_KEY", dev.ringgate.support.Api.OPERATOR_KEY);
    env.put("RINGGATE_DATA_DIR", dataDir.toString());
    env.put("RINGGATE_ROLLOUT_PROMOTION_INTERVAL", "1s");
    env.putAll(store);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Replica replica = new Replica(builder.start(), port, log);
    replica.awaitReady(Duration.ofSeconds(60));
    return replica;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** A check-in of {@code device} at this replica ({@code current} may be null). */
  io.restassured.response.Response checkin(
      String deviceKey, String device, String product, String current) {
    var request =
        io.restassured.RestAssured.given()
            .baseUri(baseUrl())
            .header("Authorization", "Bearer " + deviceKey)
            .queryParam("platform", "windows-x64");
    if (current != null) {
      request = request.queryParam("current", current);
    }
    return request.get("/api/v1/devices/" + device + "/updates/" + product);
  }

  private void awaitReady(Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(
            "replica exited; see " + log.toAbsolutePath() + ":\n" + Files.readString(log));
      }
      try {
        HttpURLConnection connection =
            (HttpURLConnection) URI.create(baseUrl() + "/q/health/live").toURL().openConnection();
        connection.setConnectTimeout(200);
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    throw new IOException(
        "replica not ready in " + timeout + "; see " + new File(log.toString()).getAbsolutePath());
  }

  /** Ends the process at once, as a crash would: no shutdown hooks, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  /**
   * Sends SIGKILL to the JVM (on Linux, {@link Process#destroyForcibly} is {@code kill -9} of the
   * process itself) and returns its exit status once it is gone: 137 (128 + 9) when the signal
   * ended it.
   */
  int killHard() throws InterruptedException, IOException {
    process.destroyForcibly();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new IOException("the process did not end after SIGKILL");
    }
    return process.exitValue();
  }

  /** What the process has logged so far. */
  String log() throws IOException {
    return Files.readString(log);
  }

  /** The process id of the JVM (not of a wrapper). */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
