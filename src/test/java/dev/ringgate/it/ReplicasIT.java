package dev.ringgate.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.Api;
import dev.ringgate.support.Plans;
import dev.ringgate.support.VendorSetup;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged application on one PostgreSQL: replica A directly, replica B through
 * a proxy that the test can cut. Measures how fast a halt through A takes effect at B, and takes
 * the store away from B to prove check-ins are fail-static.
 */
class ReplicasIT {
  private static final String SCHEMA = "ringgate_it";
  private static TcpProxy proxy;
  private static Replica a;
  private static Replica b;

  @BeforeAll
  static void startReplicas() throws Exception {
    String url = System.getProperty("ringgate.it.pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
    try (Connection c =
            DriverManager.getConnection(
                url, System.getProperty("ringgate.it.pg-user", "postgres"), "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
    proxy = new TcpProxy("127.0.0.1", 5432);
    a = Replica.start("a", url, SCHEMA);
    b = Replica.start("b", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test", SCHEMA);
    RestAssured.baseURI = "http://127.0.0.1";
    RestAssured.port = Integer.parseInt(a.baseUrl().substring(a.baseUrl().lastIndexOf(':') + 1));
  }

  @AfterAll
  static void stopReplicas() throws Exception {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    RestAssured.reset();
  }

  @Test
  void aHaltThroughOneReplicaIsEffectiveAtTheOtherWithinOneSecond() throws Exception {
    // Given: a product whose single ring is the whole fleet, and a device of B's
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    String deviceKey = Api.deviceKey(Api.newTenant());
    List<Long> millis = new ArrayList<>();

    for (int round = 1; round <= 5; round++) {
      String version = "2.0." + round;
      String rollout = vendor.publishRollout(version);
      vendor.act(rollout, "start", Map.of()).statusCode(200);
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () ->
                  version.equals(
                      b.checkin(deviceKey, "edge-1", vendor.productId(), "1.0.0").path("version")));

      // When: halted through A
      vendor.act(rollout, "halt", Map.of("reason", "round " + round)).statusCode(200);
      long acknowledged = System.nanoTime();

      // Then: B stops offering it
      while (version.equals(
          b.checkin(deviceKey, "edge-1", vendor.productId(), "1.0.0").path("version"))) {
        Thread.sleep(5);
        assertThat(System.nanoTime() - acknowledged).isLessThan(Duration.ofSeconds(5).toNanos());
      }
      millis.add((System.nanoTime() - acknowledged) / 1_000_000);
    }

    Collections.sort(millis);
    Figures.record(
        "halt through replica A effective at replica B (ms, 5 rounds, sorted): " + millis);
    assertThat(millis.get(millis.size() - 1)).isLessThan(1000);
  }

  @Test
  void checkInsSurviveAStoreOutageAndWritesResumeWithoutARestart() throws Exception {
    // Given: a release everyone gets, answered by B
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("3.0.0");
    String deviceKey = Api.deviceKey(Api.newTenant());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                "3.0.0"
                    .equals(
                        b.checkin(deviceKey, "edge-2", vendor.productId(), null).path("version")));
    String before = b.checkin(deviceKey, "edge-2", vendor.productId(), null).asString();

    // When: the store goes away from B
    proxy.cut();
    try {
      // Then: check-ins keep their answers, writes are refused with 503, B stays in service
      for (int i = 0; i < 20; i++) {
        Response answer = b.checkin(deviceKey, "edge-2", vendor.productId(), null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.asString()).isEqualTo(before);
      }
      given()
          .baseUri(b.baseUrl())
          .header("Authorization", "Bearer " + Api.OPERATOR_KEY)
          .contentType("application/json")
          .body(Map.of("id", "during-outage", "name", "x"))
          .post("/api/v1/tenants")
          .then()
          .statusCode(503)
          .header("Retry-After", equalTo("5"))
          .contentType("application/problem+json");
      given()
          .baseUri(b.baseUrl())
          .get("/q/health/ready")
          .then()
          .statusCode(200)
          .body("checks.find { it.name == 'store' }.data.state", equalTo("degraded"));
    } finally {
      proxy.restore();
    }

    // Then: writes work again, without a restart
    long restored = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                given()
                        .baseUri(b.baseUrl())
                        .header("Authorization", "Bearer " + Api.OPERATOR_KEY)
                        .contentType("application/json")
                        .body(Map.of("id", Api.uniqueId("after-outage"), "name", "x"))
                        .post("/api/v1/tenants")
                        .statusCode()
                    == 201);
    Figures.record(
        "writes accepted again after the store returned (ms): "
            + (System.nanoTime() - restored) / 1_000_000);
    given()
        .baseUri(b.baseUrl())
        .get("/q/health/ready")
        .then()
        .body("checks.find { it.name == 'store' }.data.state", equalTo("available"));
  }
}
