package dev.ringgate.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.checkin.CheckinAnswer;
import dev.ringgate.checkin.CheckinService;
import dev.ringgate.checkin.domain.CheckinRequest;
import dev.ringgate.checkin.domain.Decider;
import dev.ringgate.checkin.domain.Decision;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.rollout.domain.Bucketing;
import dev.ringgate.security.RelayVerifier;
import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The upstream's side of edge relays: who may sync, what a document holds, how fast it moves. */
@QuarkusTest
class RelaySyncApiTest {
  private static final String SYNC = "/api/v1/relay/sync";

  @Inject ObjectMapper json;

  private SyncDocument document(Response response) throws Exception {
    SignedSync signed = json.readValue(response.asString(), SignedSync.class);
    return json.readValue(signed.verifiedJson(signed.publicKey()), SyncDocument.class);
  }

  @Test
  void aRelayKeyIsBoundToATenant() {
    Api.asOperator()
        .body(Map.of("role", "RELAY", "label", "edge"))
        .post("/api/v1/api-keys")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("tenantId"));
  }

  @Test
  void theDocumentIsSignedByTheUpstreamAndHoldsTheTenantsKeyVerifiers() throws Exception {
    // Given
    String tenant = Api.newTenant();
    Map<String, String> device = Api.newKeyWithId("DEVICE", null, tenant);
    String relay = Api.newKey("RELAY", null, tenant);

    // When
    Response response = Api.as(relay).get(SYNC);

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    SignedSync signed = json.readValue(response.asString(), SignedSync.class);
    SyncDocument document =
        json.readValue(signed.verifiedJson(signed.publicKey()), SyncDocument.class);
    assertThat(document.tenantId()).isEqualTo(tenant);
    assertThat(document.expiresAt()).isAfter(Instant.now().plusSeconds(3600));
    assertThat(document.keys())
        .contains(
            new SyncDocument.Key(
                device.get("id"),
                dev.ringgate.security.Role.DEVICE,
                RelayVerifier.of(device.get("key"))));
    assertThat(response.asString()).doesNotContain(device.get("key"));
  }

  @Test
  void aTamperedDocumentDoesNotVerify() throws Exception {
    String relay = Api.newKey("RELAY", null, Api.newTenant());
    SignedSync signed = json.readValue(Api.as(relay).get(SYNC).asString(), SignedSync.class);
    String other =
        java.util.Base64.getEncoder()
            .encodeToString(
                new String(java.util.Base64.getDecoder().decode(signed.payload()))
                    .replace("\"pollSeconds\":300", "\"pollSeconds\":301")
                    .getBytes());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new SignedSync(signed.publicKey(), other, signed.signature())
                    .verifiedJson(signed.publicKey()))
        .isInstanceOf(SecurityException.class);
  }

  @Test
  void anUnchangedDocumentIs304() {
    String relay = Api.newKey("RELAY", null, Api.newTenant());
    String etag = Api.as(relay).get(SYNC).header("ETag");

    Api.as(relay)
        .header("If-None-Match", etag)
        .get(SYNC + "?wait=0")
        .then()
        .statusCode(304)
        .header("ETag", equalTo(etag));
  }

  @Test
  void onlyARelayKeyMaySync() {
    String tenant = Api.newTenant();
    for (String key :
        List.of(
            Api.deviceKey(tenant),
            Api.fleetAdminKey(tenant),
            Api.vendorKey(Api.newVendor()),
            Api.OPERATOR_KEY)) {
      Api.as(key).get(SYNC).then().statusCode(403);
      Api.as(key)
          .body(Map.of("spoolId", "s1", "entries", List.of()))
          .post("/api/v1/relay/events")
          .then()
          .statusCode(403);
    }
  }

  @Test
  void aRevokedRelayKeyIsRefusedAtOnce() {
    Map<String, String> relay = Api.newKeyWithId("RELAY", null, Api.newTenant());
    Api.asOperator().delete("/api/v1/api-keys/" + relay.get("id")).then().statusCode(204);

    Api.as(relay.get("key")).get(SYNC).then().statusCode(401);
  }

  @Test
  void aRelaySeesOnlyItsOwnTenant() throws Exception {
    // Given: tenant B has a device key, a stop, and its own halt
    String a = Api.newTenant();
    String b = Api.newTenant();
    Map<String, String> bDevice = Api.newKeyWithId("DEVICE", null, b);
    Api.as(Api.fleetAdminKey(b))
        .body(Map.of("reason", "b stops"))
        .put("/api/v1/tenants/" + b + "/stop")
        .then()
        .statusCode(200);
    VendorSetup vendor = VendorSetup.agentVendor();
    vendor.complete("1.0.0");

    // When
    Response response = Api.as(Api.newKey("RELAY", null, a)).get(SYNC);

    // Then
    SyncDocument document = document(response);
    assertThat(document.tenantId()).isEqualTo(a);
    assertThat(document.keys()).extracting(SyncDocument.Key::id).doesNotContain(bDevice.get("id"));
    assertThat(document.products())
        .filteredOn(p -> p.productId().equals(vendor.productId()))
        .singleElement()
        .satisfies(p -> assertThat(p.policy().stopped()).isFalse());
    assertThat(response.asString()).doesNotContain(b);
  }

  @Test
  void aHaltReachesAWaitingRelayWithinTwoSeconds() throws Exception {
    // Given: a relay waiting on an unchanged document
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(5000, 10_000).applyTo(vendor);
    String rollout = vendor.publishRollout("1.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    String relay = Api.newKey("RELAY", null, Api.newTenant());
    String etag = Api.as(relay).get(SYNC).header("ETag");
    CompletableFuture<Response> waiting =
        CompletableFuture.supplyAsync(
            () -> Api.as(relay).header("If-None-Match", etag).get(SYNC + "?wait=20"));
    Thread.sleep(300);

    // When
    long halted = System.nanoTime();
    vendor.act(rollout, "halt", Map.of("reason", "bad")).statusCode(200);
    Response response = waiting.get();
    long millis = (System.nanoTime() - halted) / 1_000_000;

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(millis).isLessThan(2000);
    SyncDocument document = document(response);
    assertThat(document.products())
        .filteredOn(p -> p.productId().equals(vendor.productId()))
        .singleElement()
        .satisfies(
            p ->
                assertThat(
                        p.releases().get(0).availability().isBad()
                            || p.releases().get(0).availability().name().equals("HALTED"))
                    .isTrue());
  }

  @Test
  void theRelaysDecisionsEqualTheUpstreamsOverAFleet() throws Exception {
    // Given: 1.0.0 complete, 1.1.0 in its first ring (half the fleet), a tenant with devices
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(5000, 10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    String rollout = vendor.publishRollout("1.1.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    String tenant = Api.newTenant();
    String deviceKey = Api.deviceKey(tenant);
    SyncDocument document = document(Api.as(Api.newKey("RELAY", null, tenant)).get(SYNC));
    Snapshot snapshot = SnapshotCodec.snapshot(document);
    int installs = 0;

    for (int i = 0; i < 120; i++) {
      String deviceId = "fleet-" + i + "-" + tenant;
      String current = i % 3 == 0 ? null : (i % 3 == 1 ? "1.0.0" : "1.1.0");
      // When
      Response upstream = Devices.checkin(deviceKey, deviceId, vendor.productId(), current);
      CheckinRequest request =
          new CheckinRequest(
              tenant, deviceId, vendor.productId(), "windows-x64", null, current, Set.of());
      Decision decision = Decider.decide(snapshot, request, System.currentTimeMillis());
      int position = Bucketing.position(vendor.productId(), deviceId);
      int poll =
          CheckinAnswer.pollAfter(
              decision.action().name().equals("INSTALL")
                  ? document.installPollSeconds()
                  : document.pollSeconds(),
              position);

      // Then
      assertThat(CheckinAnswer.json(vendor.productId(), decision, request, poll))
          .as(deviceId)
          .isEqualTo(upstream.asString());
      assertThat(CheckinAnswer.etag(vendor.productId(), decision, request, poll))
          .isEqualTo(upstream.header("ETag"));
      installs += decision.action().name().equals("INSTALL") ? 1 : 0;
    }
    assertThat(installs).isGreaterThan(10);
    assertThat(CheckinService.class).isNotNull();
  }

  @Test
  void aForwardedBatchSentTwiceIsStoredOnce() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    vendor.complete("1.0.0");
    String tenant = Api.newTenant();
    String relay = Api.newKey("RELAY", null, tenant);
    String at = Instant.now().minusSeconds(5).toString();
    Map<String, Object> checkin =
        Map.of(
            "seq",
            1,
            "kind",
            "CHECKIN",
            "deviceId",
            "edge-1",
            "productId",
            vendor.productId(),
            "at",
            at,
            "platform",
            "windows-x64",
            "current",
            "1.0.0",
            "told",
            "STAY");
    Map<String, Object> heartbeat =
        Map.of(
            "seq",
            2,
            "kind",
            "TELEMETRY",
            "deviceId",
            "edge-1",
            "productId",
            vendor.productId(),
            "at",
            at,
            "version",
            "1.0.0",
            "type",
            "HEARTBEAT");
    Map<String, Object> batch =
        Map.of("spoolId", "spool-1", "entries", List.of(checkin, heartbeat));
    Api.as(relay)
        .body(batch)
        .post("/api/v1/relay/events")
        .then()
        .statusCode(200)
        .body("applied", equalTo(2));

    // When
    Response again = Api.as(relay).body(batch).post("/api/v1/relay/events");

    // Then
    again.then().statusCode(200).body("applied", equalTo(0)).body("duplicates", equalTo(2));
    String fleet = "/api/v1/tenants/" + tenant + "/fleet?productId=" + vendor.productId();
    String admin = Api.fleetAdminKey(tenant);
    // (devices are written behind within the flush interval)
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Api.as(admin).get(fleet).then().extract().<Integer>path("devices") >= 1);
    Api.as(admin).get(fleet).then().statusCode(200).body("devices", equalTo(1));
  }

  /**
   * A forwarded check-in: the relay told the device {@code told} ({@code version}) at {@code at}.
   */
  private static Map<String, Object> told(
      long seq, String deviceId, String productId, String current, String told, String version) {
    Map<String, Object> entry = new java.util.HashMap<>();
    entry.put("seq", seq);
    entry.put("kind", "CHECKIN");
    entry.put("deviceId", deviceId);
    entry.put("productId", productId);
    entry.put("at", Instant.now().minusSeconds(60).toString());
    entry.put("platform", "windows-x64");
    entry.put("current", current);
    entry.put("told", told);
    entry.put("version", version);
    return entry;
  }

  private static int ring(String vendorKey, String rollout, int ring, String field) {
    return Api.as(vendorKey)
        .get("/api/v1/rollouts/" + rollout)
        .then()
        .statusCode(200)
        .extract()
        .path("rings[" + ring + "]." + field);
  }

  @Test
  void aDeviceToldToInstallByARelayCountsInItsRingAfterTheRolloutWasPaused() {
    // Given: 1.1.0 in its first ring; a device of that ring behind a relay
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(5000, 10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    String rollout = vendor.publishRollout("1.1.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    String tenant = Api.newTenant();
    String relay = Api.newKey("RELAY", null, tenant);
    String device = Devices.inBasisPoints(vendor.productId(), 0, 5000);
    // the relay, offline, told it to install 1.1.0; meanwhile the vendor paused the rollout, so
    // upstream would tell it STAY now
    vendor.act(rollout, "pause", Map.of("reason", "wait")).statusCode(200);
    Map<String, Object> installed =
        Map.of(
            "seq",
            2,
            "kind",
            "TELEMETRY",
            "deviceId",
            device,
            "productId",
            vendor.productId(),
            "at",
            Instant.now().minusSeconds(30).toString(),
            "version",
            "1.1.0",
            "type",
            "INSTALLED");

    // When: the relay forwards what it told the device, then the device's install report
    Api.as(relay)
        .body(
            Map.of(
                "spoolId",
                "spool-told",
                "entries",
                List.of(
                    told(1, device, vendor.productId(), "1.0.0", "INSTALL", "1.1.0"), installed)))
        .post("/api/v1/relay/events")
        .then()
        .statusCode(200)
        .body("applied", equalTo(2))
        .body("refused", org.hamcrest.Matchers.empty());

    // Then: the gate counts it exposed in ring 0, as it would a direct device told the same
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> ring(vendor.key(), rollout, 0, "exposedDevices") == 1);
    assertThat(ring(vendor.key(), rollout, 1, "exposedDevices")).isZero();
  }

  @Test
  void aForgedAnswerIsRefusedAndChangesNothing() {
    // Given: 1.1.0 in its first ring; another vendor's product has a 7.0.0
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(5000, 10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    String rollout = vendor.publishRollout("1.1.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    vendor.publishRollout("1.2.0");
    VendorSetup other = VendorSetup.agentVendor();
    other.complete("7.0.0");
    String tenant = Api.newTenant();
    String relay = Api.newKey("RELAY", null, tenant);
    String inRing0 = Devices.inBasisPoints(vendor.productId(), 0, 5000);
    String inRing1 = Devices.inBasisPoints(vendor.productId(), 5000, 10_000);
    String product = vendor.productId();

    // When: answers the relay cannot have given
    Response response =
        Api.as(relay)
            .body(
                Map.of(
                    "spoolId",
                    "spool-forged",
                    "entries",
                    List.of(
                        told(1, inRing0, product, "1.0.0", "INSTALL", "7.0.0"),
                        told(2, inRing0, product, "1.0.0", "INSTALL", "9.9.9"),
                        told(3, inRing1, product, "1.0.0", "INSTALL", "1.1.0"),
                        told(4, inRing0, product, "1.0.0", "INSTALL", "1.2.0"),
                        told(5, inRing0, product, "1.1.0", "ROLLBACK", "1.1.0"),
                        told(6, inRing0, product, "1.0.0", "UPGRADE", "1.1.0"))))
            .post("/api/v1/relay/events");

    // Then: each refused, naming why; no device bound, nobody counted
    response
        .then()
        .statusCode(200)
        .body("applied", equalTo(0))
        .body("refused.seq", org.hamcrest.Matchers.contains(1, 2, 3, 4, 5, 6))
        .body("refused[0].problem", equalTo("version is not a release of product " + product))
        .body("refused[1].problem", equalTo("version is not a release of product " + product))
        .body(
            "refused[2].problem",
            equalTo("version its rollout has not reached the device's ring 1"))
        .body("refused[3].problem", equalTo("version its rollout has not started"))
        .body("refused[4].problem", equalTo("version a rollback must be below the current version"))
        .body("refused[5].problem", equalTo("told must be INSTALL, STAY or ROLLBACK"));
    Api.as(Api.fleetAdminKey(tenant))
        .get("/api/v1/tenants/" + tenant + "/fleet?productId=" + product)
        .then()
        .statusCode(200)
        .body("devices", equalTo(0));
    Devices.settle();
    assertThat(ring(vendor.key(), rollout, 0, "exposedDevices")).isZero();
    assertThat(ring(vendor.key(), rollout, 1, "exposedDevices")).isZero();
  }
}
