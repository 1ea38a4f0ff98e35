package dev.ringgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.Api;
import dev.ringgate.support.Plans;
import dev.ringgate.support.VendorSetup;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The backup and restore procedures of docs/operations.md, run as written against the packaged
 * application: a PostgreSQL dump restored into an empty database, and an embedded store's {@code
 * BACKUP} zip unpacked into a new data directory, each serve the same rollout, keys and an intact
 * audit chain.
 */
class BackupRestoreIT {
  private final List<Replica> started = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Replica replica : started) {
      replica.close();
    }
    RestAssured.reset();
  }

  /** What a restore must bring back. */
  private record Before(VendorSetup vendor, String rollout, JsonPath view, long auditHead) {}

  @Test
  void aPostgresDumpRestoredIntoAnEmptyDatabaseServesTheSameState() throws Exception {
    // Given: a rollout in progress on PostgreSQL, dumped with pg_dump while Ringgate runs
    String url = System.getProperty("ringgate.it.pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
    URI pg = URI.create(url.substring("jdbc:".length()));
    String schema = "ringgate_backup_it";
    String restored = "ringgate_restore_" + System.nanoTime();
    sql(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    Replica original = use(Replica.start("backup-pg", url, schema));
    Before before = someState();
    Path dump = Path.of("target", restored + ".dump").toAbsolutePath();
    run(
        "pg_dump",
        "-h",
        pg.getHost(),
        "-p",
        String.valueOf(pg.getPort()),
        "-U",
        user(),
        "-Fc",
        "-n",
        schema,
        "-f",
        dump.toString(),
        pg.getPath().substring(1));
    original.close();
    started.remove(original);

    // When: restored into an empty database, and Ringgate started on it
    sql(url, "CREATE DATABASE " + restored);
    try {
      run(
          "pg_restore",
          "-h",
          pg.getHost(),
          "-p",
          String.valueOf(pg.getPort()),
          "-U",
          user(),
          "-d",
          restored,
          dump.toString());
      String restoredUrl =
          "jdbc:postgresql://" + pg.getHost() + ":" + pg.getPort() + "/" + restored;
      use(Replica.start("restore-pg", restoredUrl, schema));

      // Then: the same state
      assertSameState(before);
    } finally {
      for (Replica replica : started) {
        replica.close();
      }
      started.clear();
      sql(url, "DROP DATABASE IF EXISTS " + restored + " WITH (FORCE)");
    }
  }

  @Test
  void anEmbeddedBackupZipRestoredIntoANewDataDirectoryServesTheSameState() throws Exception {
    // Given: a rollout in progress on the embedded store, Ringgate stopped, H2's BACKUP run
    Path data = Files.createDirectories(dir("backup-h2"));
    Replica original = use(Replica.embedded("backup-h2", data));
    Before before = someState();
    original.close();
    started.remove(original);
    Path zip = data.resolveSibling(data.getFileName() + ".zip");
    run(
        javaBin(),
        "-cp",
        h2Jar().toString(),
        "org.h2.tools.Shell",
        "-url",
        "jdbc:h2:file:" + data.resolve("ringgate"),
        "-user",
        "ringgate",
        "-sql",
        "BACKUP TO '" + zip + "'");

    // When: unzipped into a new data directory, and Ringgate started on it
    Path fresh = Files.createDirectories(dir("restore-h2"));
    unzip(zip, fresh);
    use(Replica.embedded("restore-h2", fresh));

    // Then: the same state
    assertSameState(before);
  }

  /** A vendor with a product, a rollout started, and the audit records this leaves. */
  private static Before someState() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(100, 10_000).applyTo(vendor);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of("reason", "before the backup")).statusCode(200);
    JsonPath view = Api.as(vendor.key()).get("/api/v1/rollouts/" + rollout).jsonPath();
    return new Before(vendor, rollout, view, Api.auditHead());
  }

  private static void assertSameState(Before before) {
    JsonPath view =
        Api.as(before.vendor().key()).get("/api/v1/rollouts/" + before.rollout()).jsonPath();
    assertThat(view.getString("state")).isEqualTo("IN_PROGRESS");
    assertThat(view.getString("version")).isEqualTo(before.view().getString("version"));
    assertThat(view.getList("history.reason")).isEqualTo(before.view().getList("history.reason"));
    assertThat(Api.auditHead()).isEqualTo(before.auditHead());
    Api.asOperator()
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(true));
  }

  private Replica use(Replica replica) {
    started.add(replica);
    RestAssured.baseURI = "http://127.0.0.1";
    RestAssured.port =
        Integer.parseInt(replica.baseUrl().substring(replica.baseUrl().lastIndexOf(':') + 1));
    return replica;
  }

  private static Path dir(String name) {
    return Path.of("target", "it-" + name + "-" + System.nanoTime()).toAbsolutePath();
  }

  private static String user() {
    return System.getProperty("ringgate.it.pg-user", "postgres");
  }

  private static void sql(String url, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user(), "");
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** H2's jar as the packaged application ships it (docs/operations.md names the same file). */
  private static Path h2Jar() throws IOException {
    Path lib = Path.of(System.getProperty("ringgate.it.jar")).resolveSibling("lib").resolve("main");
    try (Stream<Path> jars = Files.list(lib)) {
      return jars.filter(p -> p.getFileName().toString().startsWith("com.h2database.h2-"))
          .findFirst()
          .orElseThrow(() -> new IOException("no H2 jar in " + lib));
    }
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
  }

  private static void unzip(Path zip, Path into) throws IOException {
    try (InputStream in = Files.newInputStream(zip);
        ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        Path target = into.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(into)).as("%s stays in %s", target, into).isTrue();
        Files.copy(entries, target);
      }
    }
  }
}
