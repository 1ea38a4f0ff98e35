package dev.ringgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged means durable, whatever happens next: the packaged application is killed with
 * SIGKILL (no shutdown hook, no flush) right after its last 202, and everything it acknowledged is
 * there after a restart on the same store. On the embedded default and on PostgreSQL.
 */
class SigkillDurabilityIT {
  private static final int DEVICES = 24;
  private static final int SIGKILL_EXIT_STATUS = 128 + 9;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Replica> started = new ArrayList<>();

  /** Starts a replica of the store under test on the same data (directory or schema) each time. */
  @FunctionalInterface
  private interface Launcher {
    Replica start(String name) throws IOException;
  }

  @AfterEach
  void stopReplicas() throws Exception {
    for (Replica replica : started) {
      replica.close();
    }
    RestAssured.reset();
  }

  @Test
  void acknowledgedWritesSurviveSigkillOnTheEmbeddedDefault() throws Exception {
    Path dataDir =
        Files.createDirectories(
            Path.of("target", "it-sigkill-h2-" + System.nanoTime()).toAbsolutePath());
    acknowledgedWritesSurviveSigkill(name -> Replica.embedded(name, dataDir), "sigkill-h2");
  }

  @Test
  void acknowledgedWritesSurviveSigkillOnPostgres() throws Exception {
    String url = System.getProperty("ringgate.it.pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
    String schema = "ringgate_it_sigkill";
    try (Connection c =
            DriverManager.getConnection(
                url, System.getProperty("ringgate.it.pg-user", "postgres"), "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
    Path dataDir =
        Files.createDirectories(
            Path.of("target", "it-sigkill-pg-" + System.nanoTime()).toAbsolutePath());
    acknowledgedWritesSurviveSigkill(
        name -> Replica.onPostgres(name, url, schema, dataDir), "sigkill-pg");
  }

  private void acknowledgedWritesSurviveSigkill(Launcher launcher, String name) throws Exception {
    // Given: a rollout of 2.0.0 in its only ring (the whole fleet), a tenant whose devices run
    // 1.0.0
    Replica first = use(launcher.start(name + "-before"));
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).onHaltStop().applyTo(vendor);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    String tenant = Api.newTenant();
    String deviceKey = Api.deviceKey(tenant);
    String adminKey = Api.fleetAdminKey(tenant);
    List<String> devices = Devices.manyInBasisPoints(vendor.productId(), 0, 10_000, DEVICES);
    for (String device : devices) {
      assertThat(Devices.action(deviceKey, device, vendor.productId(), "1.0.0"))
          .isEqualTo("INSTALL");
    }
    List<JsonNode> auditBefore = auditRecords();

    // When: a policy change (200), then every device reports the new version crashing (one 202),
    // and the process is killed with SIGKILL right after the last 202
    Api.as(adminKey)
        .body(policy())
        .put(policyUrl(tenant, vendor.productId()))
        .then()
        .statusCode(200);
    // (one batch: the gate may halt the rollout between two batches, and reports that arrive
    // after a halt no longer count toward the ring)
    Telemetry reports = Telemetry.batch();
    for (String device : devices) {
      reports
          .add(device, vendor.productId(), "2.0.0", "INSTALLED")
          .add(device, vendor.productId(), "2.0.0", "CRASH");
    }
    reports.accepted(deviceKey);
    int exitStatus = first.killHard();
    assertThat(exitStatus).as("exit status of the killed JVM").isEqualTo(SIGKILL_EXIT_STATUS);

    // Then: after a restart on the same store, everything acknowledged is there
    use(launcher.start(name + "-after"));
    List<Object> crashed =
        Api.as(vendor.key())
            .get("/api/v1/rollouts/" + rollout)
            .then()
            .statusCode(200)
            .extract()
            .path("rings.crashedDevices");
    assertThat(crashed).as("crashed devices counted in the ring").containsExactly(DEVICES);
    Api.as(adminKey)
        .get(policyUrl(tenant, vendor.productId()))
        .then()
        .statusCode(200)
        .body("isDefault", equalTo(false))
        .body("maintenanceWindows[0].start", equalTo("22:00"))
        .body("maintenanceWindows[0].zone", equalTo("Europe/Berlin"));
    Api.asOperator()
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(true));
    List<JsonNode> auditAfter = auditRecords();
    assertThat(auditAfter.size()).isGreaterThan(auditBefore.size());
    assertThat(auditAfter.subList(0, auditBefore.size()))
        .as("every audit record written before the policy change")
        .isEqualTo(auditBefore);
    assertThat(auditAfter.subList(auditBefore.size(), auditAfter.size()))
        .as("the audit records written after it")
        .anySatisfy(
            record ->
                assertThat(record.at("/target/id").asText())
                    .isEqualTo(tenant + "/" + vendor.productId()));
  }

  private Replica use(Replica replica) {
    started.add(replica);
    RestAssured.baseURI = "http://127.0.0.1";
    RestAssured.port =
        Integer.parseInt(replica.baseUrl().substring(replica.baseUrl().lastIndexOf(':') + 1));
    return replica;
  }

  private static String policyUrl(String tenant, String product) {
    return "/api/v1/tenants/" + tenant + "/policies/" + product;
  }

  private static Map<String, Object> policy() {
    return Map.of(
        "channel",
        "STAGED",
        "requireApproval",
        false,
        "maintenanceWindows",
        List.of(
            Map.of(
                "days",
                List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"),
                "start",
                "22:00",
                "end",
                "04:00",
                "zone",
                "Europe/Berlin")));
  }

  private static List<JsonNode> auditRecords() throws IOException {
    String ndjson =
        Api.asOperator()
            .queryParam("limit", 10_000)
            .get("/api/v1/audit")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<JsonNode> records = new ArrayList<>();
    for (String line : ndjson.split("\n")) {
      if (!line.isBlank()) {
        records.add(JSON.readTree(line));
      }
    }
    return records;
  }
}
