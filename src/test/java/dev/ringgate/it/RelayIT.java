package dev.ringgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Metrics;
import dev.ringgate.support.Plans;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An edge relay and its upstream as real processes from the packaged jar, each on its own embedded
 * store: the relay answers as the upstream does, a halt reaches it within 2 s, and with the
 * upstream SIGKILLed it keeps answering, takes telemetry, honours a local stop, withdraws a
 * crashing release itself, survives its own SIGKILL, and forwards everything once when the upstream
 * is back; a mirroring relay serves the verified artifact, also with the upstream gone.
 */
class RelayIT {
  private final List<Replica> started = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Replica replica : started) {
      replica.close();
    }
    RestAssured.reset();
  }

  private Replica upstream(Path dir, int port) throws IOException {
    Replica replica = Replica.embedded("relay-upstream", dir, port);
    started.add(replica);
    RestAssured.baseURI = "http://127.0.0.1";
    RestAssured.port = port;
    return replica;
  }

  private Replica relay(Path dir, int port, Replica upstream, String key) throws IOException {
    Replica relay =
        Replica.relay(
            "relay-edge",
            dir,
            port,
            upstream.baseUrl(),
            key,
            Map.of("RINGGATE_RELAY_OFFLINE_AFTER", "2s", "RINGGATE_RELAY_POLL_WAIT", "5s"));
    started.add(relay);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                RestAssured.given().baseUri(relay.baseUrl()).get("/q/health/ready").statusCode()
                    == 200);
    return relay;
  }

  private static Path dir(String name) throws IOException {
    return Files.createDirectories(
        Path.of("target", "it-" + name + "-" + System.nanoTime()).toAbsolutePath());
  }

  /** 1.0.0 complete, 1.1.0 started in its first ring (half the fleet). */
  private static String[] rollout(VendorSetup vendor) {
    Plans.rings(5000, 10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    String rollout = vendor.publishRollout("1.1.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    return new String[] {rollout};
  }

  @Test
  void theRelayAnswersAsTheUpstreamAndAHaltReachesItWithinTwoSeconds() throws Exception {
    // Given
    Replica upstream = upstream(dir("relay-up"), Replica.freePort());
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = rollout(vendor)[0];
    String tenant = Api.newTenant();
    String deviceKey = Api.deviceKey(tenant);
    Replica relay =
        relay(dir("relay-edge"), Replica.freePort(), upstream, Api.newKey("RELAY", null, tenant));

    // When / Then: the same answers, body and ETag, over a fleet
    for (int i = 0; i < 60; i++) {
      String device = "fleet-" + i;
      String current = i % 3 == 0 ? null : (i % 3 == 1 ? "1.0.0" : "1.1.0");
      Response atRelay = relay.checkin(deviceKey, device, vendor.productId(), current);
      Response atUpstream = upstream.checkin(deviceKey, device, vendor.productId(), current);
      assertThat(atRelay.statusCode()).isEqualTo(200);
      assertThat(atRelay.asString()).as(device).isEqualTo(atUpstream.asString());
      assertThat(atRelay.header("ETag")).isEqualTo(atUpstream.header("ETag"));
      assertThat(atRelay.header("Ringgate-Synced-At")).isNotBlank();
    }

    // Then: only the tenant's own keys count on the relay, each for its role
    String adminKey = Api.fleetAdminKey(tenant);
    String otherTenant = Api.newTenant();
    String otherDevice = Api.deviceKey(otherTenant);
    Map<String, String> revoked = Api.newKeyWithId("DEVICE", null, tenant);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> relay.checkin(adminKey, "x", vendor.productId(), null).statusCode() == 403);
    assertThat(stop(relay, adminKey, otherTenant).statusCode()).isEqualTo(404);
    assertThat(stop(relay, deviceKey, tenant).statusCode()).isEqualTo(403);
    assertThat(stop(relay, "rg_unknown", tenant).statusCode()).isEqualTo(401);
    assertThat(relay.checkin(otherDevice, "x", vendor.productId(), null).statusCode())
        .isEqualTo(401);
    assertThat(relay.checkin(revoked.get("key"), "x", vendor.productId(), null).statusCode())
        .isEqualTo(200);
    Api.asOperator().delete("/api/v1/api-keys/" + revoked.get("id")).then().statusCode(204);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(
            () ->
                relay.checkin(revoked.get("key"), "x", vendor.productId(), null).statusCode()
                    == 401);

    // When: the vendor halts; Then: the relay's devices hear it within 2 s
    String ringZero = Devices.inBasisPoints(vendor.productId(), 0, 5000);
    assertThat(action(relay, deviceKey, ringZero, vendor, "1.0.0")).isEqualTo("INSTALL");
    long start = System.nanoTime();
    vendor.act(rollout, "halt", Map.of("reason", "bad")).statusCode(200);
    while (action(relay, deviceKey, ringZero, vendor, "1.0.0").equals("INSTALL")) {
      Thread.sleep(10);
      assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("FIGURE relay halt propagation ms: " + millis);
    assertThat(millis).isLessThan(2000);
  }

  @Test
  void withTheUpstreamKilledTheRelayServesStopsWithdrawsAndForwardsOnceItIsBack() throws Exception {
    // Given: six devices of the relay took 1.1.0 through it, and the upstream counted them
    Path upstreamDir = dir("relay-up2");
    int upstreamPort = Replica.freePort();
    Replica upstream = upstream(upstreamDir, upstreamPort);
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = rollout(vendor)[0];
    String tenant = Api.newTenant();
    String deviceKey = Api.deviceKey(tenant);
    String adminKey = Api.fleetAdminKey(tenant);
    String relayKey = Api.newKey("RELAY", null, tenant);
    Path relayDir = dir("relay-edge2");
    int relayPort = Replica.freePort();
    Replica relay = relay(relayDir, relayPort, upstream, relayKey);
    String product = vendor.productId();
    List<String> devices = Devices.manyInBasisPoints(product, 0, 5000, 8);
    Telemetry installed = Telemetry.batch();
    for (String device : devices.subList(0, 6)) {
      assertThat(action(relay, deviceKey, device, vendor, "1.0.0")).isEqualTo("INSTALL");
      installed.add(device, product, "1.1.0", "INSTALLED");
    }
    send(relay, deviceKey, installed);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ring(vendor, rollout, "exposedDevices") == 6);
    String before = relay.checkin(deviceKey, devices.get(6), product, "1.0.0").asString();

    // When: the upstream is SIGKILLed
    upstream.killHard();

    // Then: the relay answers the same and takes telemetry
    assertThat(relay.checkin(deviceKey, devices.get(6), product, "1.0.0").asString())
        .isEqualTo(before);
    Telemetry heartbeats = Telemetry.batch();
    devices.subList(0, 6).forEach(d -> heartbeats.add(d, product, "1.1.0", "HEARTBEAT"));
    send(relay, deviceKey, heartbeats);

    // and a local stop holds new installs back, at once, and so does a local freeze
    String device = devices.get(6);
    String stopPath = "/api/v1/tenants/" + tenant + "/stop";
    put(relay, adminKey, stopPath, Map.of("reason", "our own call")).statusCode(200);
    assertThat(reasonCode(relay, deviceKey, device, product, "1.0.0")).isEqualTo("TENANT_STOPPED");
    delete(relay, adminKey, stopPath).statusCode(200);
    assertThat(action(relay, deviceKey, device, vendor, "1.0.0")).isEqualTo("INSTALL");
    String freezePath = "/api/v1/tenants/" + tenant + "/relay/freeze";
    String inAnHour = java.time.Instant.now().plusSeconds(3600).toString();
    put(relay, adminKey, freezePath, Map.of("until", inAnHour)).statusCode(200);
    assertThat(reasonCode(relay, deviceKey, device, product, "1.0.0")).isEqualTo("FROZEN");
    delete(relay, adminKey, freezePath).statusCode(200);
    assertThat(action(relay, deviceKey, device, vendor, "1.0.0")).isEqualTo("INSTALL");

    // and so does a local pin, which only the tenant's fleet admin may set, to a known release
    String pinPath = "/api/v1/tenants/" + tenant + "/relay/pins/" + product;
    Map<String, String> pin = Map.of("version", "1.0.0");
    put(relay, adminKey, pinPath, Map.of("version", "9.9.9"))
        .statusCode(400)
        .body("violations[0].field", org.hamcrest.Matchers.equalTo("version"));
    put(relay, deviceKey, pinPath, pin).statusCode(403);
    put(relay, adminKey, "/api/v1/tenants/other-" + tenant + "/relay/pins/" + product, pin)
        .statusCode(404);
    assertThat(action(relay, deviceKey, device, vendor, "1.0.0")).isEqualTo("INSTALL");
    put(relay, adminKey, pinPath, pin).statusCode(200);
    assertThat(reasonCode(relay, deviceKey, device, product, "1.0.0")).isEqualTo("PINNED");
    delete(relay, adminKey, pinPath).statusCode(200);
    assertThat(action(relay, deviceKey, device, vendor, "1.0.0")).isEqualTo("INSTALL");

    // and once it counts the upstream as unreachable, crashes make it withdraw 1.1.0 itself
    String edge = relay.baseUrl();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Boolean.FALSE.equals(
                    RestAssured.given()
                        .baseUri(edge)
                        .get("/q/health/ready")
                        .path("checks.find { it.name == 'relay' }.data.upstreamReachable")));
    Telemetry crashes = Telemetry.batch();
    devices.subList(0, 3).forEach(d -> crashes.add(d, product, "1.1.0", "CRASH"));
    send(relay, deviceKey, crashes);
    assertThat(action(relay, deviceKey, devices.get(4), vendor, "1.1.0")).isEqualTo("ROLLBACK");

    // When: the relay is SIGKILLed too and restarted while the upstream is still down
    relay.killHard();
    started.remove(relay);
    relay = relay(relayDir, relayPort, upstream, relayKey);

    // Then: it still answers from its verified snapshot and its local withdrawal
    assertThat(action(relay, deviceKey, devices.get(4), vendor, "1.1.0")).isEqualTo("ROLLBACK");
    assertThat(reasonCode(relay, deviceKey, devices.get(7), product, "1.0.0"))
        .isEqualTo("ROLLOUT_HALTED");

    // When: the upstream is back
    upstream(upstreamDir, upstreamPort);

    // Then: every spooled event is stored once and the relay's devices count in its gate
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Metrics.valueOrZero("ringgate_telemetry_events_total", Map.of()) >= 9);
    Thread.sleep(2000);
    assertThat(Metrics.valueOrZero("ringgate_telemetry_events_total", Map.of())).isEqualTo(9.0);
    assertThat(ring(vendor, rollout, "crashedDevices")).isEqualTo(3);
    assertThat(ring(vendor, rollout, "exposedDevices")).isEqualTo(6);
  }

  @Test
  void aMirroringRelayServesTheVerifiedArtifactAlsoWithTheUpstreamKilled() throws Exception {
    // Given: 1.1.0's artifact at its origin, a relay that mirrors artifacts (and has no operator
    // key of its own)
    byte[] bytes = new byte[300_000];
    new java.util.Random(17).nextBytes(bytes);
    String sha =
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    var origin =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    origin.createContext(
        "/agent-1.1.0.bin",
        exchange -> {
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    origin.start();
    try {
      Replica upstream = upstream(dir("relay-up3"), Replica.freePort());
      VendorSetup vendor = VendorSetup.agentVendor();
      Plans.rings(5000, 10_000).applyTo(vendor);
      vendor.complete("1.0.0");
      String url = "http://127.0.0.1:" + origin.getAddress().getPort() + "/agent-1.1.0.bin";
      String rollout =
          vendor.publishRollout(
              vendor.release("1.1.0").url(url).sha256(sha).sizeBytes(bytes.length));
      vendor.act(rollout, "start", Map.of()).statusCode(200);
      String tenant = Api.newTenant();
      String deviceKey = Api.deviceKey(tenant);
      Path relayDir = dir("relay-edge3");
      Replica relay =
          Replica.relay(
              "relay-mirror",
              relayDir,
              Replica.freePort(),
              upstream.baseUrl(),
              Api.newKey("RELAY", null, tenant),
              Map.of("RINGGATE_RELAY_MIRROR_ARTIFACTS", "true", "RINGGATE_OPERATOR_KEY", ""));
      started.add(relay);
      String device = Devices.inBasisPoints(vendor.productId(), 0, 5000);

      // When: the relay has mirrored it
      Response answer =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> relay.checkin(deviceKey, device, vendor.productId(), "1.0.0"),
                  r -> r.statusCode() == 200 && r.path("mirrors") != null);

      // Then: the device is told where, the signed fields are untouched, the bytes are the signed
      String mirror = answer.path("mirrors[0]");
      assertThat(mirror).isEqualTo(relay.baseUrl() + "/api/v1/artifacts/" + sha);
      assertThat(answer.<String>path("artifact.url")).isEqualTo(url);
      assertThat(answer.<String>path("artifact.sha256")).isEqualTo(sha);
      assertThat(RestAssured.get(mirror).then().statusCode(200).extract().asByteArray())
          .isEqualTo(bytes);
      Response range = RestAssured.given().header("Range", "bytes=10-19").get(mirror);
      assertThat(range.statusCode()).isEqualTo(206);
      assertThat(range.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 10, 20));
      Response head = RestAssured.head(mirror);
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
      assertThat(relayDir.resolve("operator.key")).doesNotExist();

      // When: the upstream is SIGKILLed and the artifact's origin is gone too
      upstream.killHard();
      origin.stop(0);

      // Then: the relay still serves the copy, and still names it
      byte[] served = RestAssured.get(mirror).then().statusCode(200).extract().asByteArray();
      assertThat(
              java.util.HexFormat.of()
                  .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(served)))
          .isEqualTo(sha);
      assertThat(
              relay
                  .checkin(deviceKey, device, vendor.productId(), "1.0.0")
                  .<String>path("mirrors[0]"))
          .isEqualTo(mirror);
    } finally {
      origin.stop(0);
    }
  }

  private static Response stop(Replica relay, String key, String tenant) {
    return put(relay, key, "/api/v1/tenants/" + tenant + "/stop", Map.of("reason", "test"))
        .extract()
        .response();
  }

  /** A PUT of a JSON body to the relay with {@code key}. */
  private static ValidatableResponse put(
      Replica relay, String key, String path, Map<String, String> body) {
    return RestAssured.given()
        .baseUri(relay.baseUrl())
        .header("Authorization", "Bearer " + key)
        .contentType("application/json")
        .body(body)
        .put(path)
        .then();
  }

  private static ValidatableResponse delete(Replica relay, String key, String path) {
    return RestAssured.given()
        .baseUri(relay.baseUrl())
        .header("Authorization", "Bearer " + key)
        .delete(path)
        .then();
  }

  private static void send(Replica relay, String deviceKey, Telemetry batch) {
    RestAssured.given()
        .baseUri(relay.baseUrl())
        .header("Authorization", "Bearer " + deviceKey)
        .contentType("application/json")
        .body(batch.body())
        .post("/api/v1/telemetry")
        .then()
        .statusCode(202);
  }

  private static int ring(VendorSetup vendor, String rollout, String counter) {
    Integer value =
        Api.as(vendor.key())
            .get("/api/v1/rollouts/" + rollout)
            .then()
            .statusCode(200)
            .extract()
            .path("rings[0]." + counter);
    return value == null ? 0 : value;
  }

  private static String action(
      Replica relay, String deviceKey, String device, VendorSetup vendor, String current) {
    Response response = relay.checkin(deviceKey, device, vendor.productId(), current);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.path("action");
  }

  private static String reasonCode(
      Replica relay, String deviceKey, String device, String product, String current) {
    return relay.checkin(deviceKey, device, product, current).path("reasonCode");
  }
}
