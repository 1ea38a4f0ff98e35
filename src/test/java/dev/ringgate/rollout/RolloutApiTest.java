package dev.ringgate.rollout;

import static dev.ringgate.support.Devices.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RolloutApiTest {
  @Inject Store store;

  private static String state(VendorSetup vendor, String rollout) {
    return Api.as(vendor.key())
        .get("/api/v1/rollouts/" + rollout)
        .then()
        .statusCode(200)
        .extract()
        .path("state");
  }

  @Test
  void aReleaseReachesEachRingsDevicesExactlyWhenItsRingIsReached() {
    // Given: three manual rings of 0.1 %, 1 % and everyone, and a device in each
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10, 100, 10_000).applyTo(vendor);
    String deviceKey = Api.deviceKey(Api.newTenant());
    String canary = Devices.inBasisPoints(vendor.productId(), 0, 10);
    String early = Devices.inBasisPoints(vendor.productId(), 10, 100);
    String general = Devices.inBasisPoints(vendor.productId(), 100, 10_000);
    String rollout = vendor.publishRollout("1.0.0");
    String p = vendor.productId();

    // When / Then: pending, nobody
    assertThat(action(deviceKey, canary, p, null)).isEqualTo("STAY");

    vendor
        .act(rollout, "start", Map.of("reason", "go"))
        .statusCode(200)
        .body("rings[0].state", equalTo("ACTIVE"));
    assertThat(
            List.of(
                action(deviceKey, canary, p, null),
                action(deviceKey, early, p, null),
                action(deviceKey, general, p, null)))
        .containsExactly("INSTALL", "STAY", "STAY");

    vendor.act(rollout, "promote", Map.of()).statusCode(200).body("ringIndex", equalTo(1));
    assertThat(
            List.of(
                action(deviceKey, canary, p, null),
                action(deviceKey, early, p, null),
                action(deviceKey, general, p, null)))
        .containsExactly("INSTALL", "INSTALL", "STAY");

    vendor.act(rollout, "promote", Map.of()).statusCode(200).body("ringIndex", equalTo(2));
    assertThat(action(deviceKey, general, p, null)).isEqualTo("INSTALL");

    vendor
        .act(rollout, "promote", Map.of())
        .statusCode(200)
        .body("state", equalTo("COMPLETED"))
        .body("rings.state", contains("PASSED", "PASSED", "PASSED"))
        .body(
            "history.to",
            contains("PENDING", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED"));
  }

  @Test
  void theAutoLoopWaitsForDevicesThenPromotesToCompletion() {
    // Given: auto rings that each need one exposed device
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10, 10_000).auto().minDevices(1).applyTo(vendor);
    String deviceKey = Api.deviceKey(Api.newTenant());
    String canary = Devices.inBasisPoints(vendor.productId(), 0, 10);
    String general = Devices.inBasisPoints(vendor.productId(), 10, 10_000);
    // established: only devices that checked in before the start count for the gate
    Devices.established(deviceKey, vendor.productId(), null, List.of(canary, general));
    String rollout = vendor.publishRollout("1.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);

    // When: nobody runs it yet, the gate waits
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(2))
        .until(() -> state(vendor, rollout).equals("IN_PROGRESS"));
    Api.as(vendor.key())
        .get("/api/v1/rollouts/" + rollout)
        .then()
        .body("ringIndex", equalTo(0))
        .body("rings[0].verdict", equalTo("WAIT"));

    // Then: the canary device boots the release; the loop promotes, then completes after the next
    Devices.checkin(deviceKey, canary, vendor.productId(), "1.0.0").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Api.as(vendor.key())
                        .get("/api/v1/rollouts/" + rollout)
                        .then()
                        .extract()
                        .<Integer>path("ringIndex")
                    == 1);
    assertThat(action(deviceKey, general, vendor.productId(), null)).isEqualTo("INSTALL");
    Devices.checkin(deviceKey, general, vendor.productId(), "1.0.0").then().statusCode(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> state(vendor, rollout).equals("COMPLETED"));
    Api.as(vendor.key())
        .get("/api/v1/rollouts/" + rollout)
        .then()
        .body("rings[0].exposedDevices", equalTo(1))
        .body("history.actor.id", hasItems("promotion-loop"));
  }

  @Test
  void aHaltedReleaseIsNoLongerOfferedAndARollbackSendsDevicesBack() {
    // Given: 1.0.0 everywhere, 2.0.0 in its canary and installed there
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10, 10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    String deviceKey = Api.deviceKey(Api.newTenant());
    String canary = Devices.inBasisPoints(vendor.productId(), 0, 10);
    String other = Devices.inBasisPoints(vendor.productId(), 0, 10, canary);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    assertThat(action(deviceKey, canary, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");

    // When: halted
    vendor
        .act(rollout, "halt", Map.of("reason", "support tickets"))
        .statusCode(200)
        .body("state", equalTo("HALTED"));

    // Then: not offered, and devices on it stay
    assertThat(action(deviceKey, other, vendor.productId(), "1.0.0")).isEqualTo("STAY");
    Devices.checkin(deviceKey, canary, vendor.productId(), "2.0.0")
        .then()
        .statusCode(200)
        .body("action", equalTo("STAY"))
        .body("version", equalTo("2.0.0"));

    // When: rolled back
    vendor
        .act(rollout, "rollback", Map.of("reason", "crash on boot"))
        .statusCode(200)
        .body("state", equalTo("ROLLED_BACK"));

    // Then: devices on it are told to return to 1.0.0, with its artifact and signature
    Devices.checkin(deviceKey, canary, vendor.productId(), "2.0.0")
        .then()
        .statusCode(200)
        .body("action", equalTo("ROLLBACK"))
        .body("version", equalTo("1.0.0"))
        .body("artifact.sha256", equalTo("a".repeat(64)))
        .body("signature.keyId", equalTo(VendorSetup.KEY_ID));
  }

  @Test
  void promotingWhileTheGateWaitsNeedsForce() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10, 10_000).minDevices(5).applyTo(vendor);
    String rollout = vendor.publishRollout("1.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);

    vendor
        .act(rollout, "promote", Map.of())
        .statusCode(409)
        .body("detail", org.hamcrest.Matchers.containsString("WAIT"));
    vendor
        .act(rollout, "promote", Map.of("force", true, "reason", "hotfix"))
        .statusCode(200)
        .body("ringIndex", equalTo(1));
  }

  @Test
  void forceIsOnlyForPromote() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("1.0.0");

    vendor
        .act(rollout, "start", Map.of("force", true))
        .statusCode(400)
        .body("violations[0].field", equalTo("force"));
    assertThat(state(vendor, rollout)).isEqualTo("PENDING");
  }

  @Test
  void anActionTheStateDoesNotAllowIs409AndChangesNothing() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("1.0.0");
    long auditBefore = Api.auditHead();

    vendor
        .act(rollout, "pause", Map.of())
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("https://ringgate.dev/problems/illegal-transition"));
    assertThat(state(vendor, rollout)).isEqualTo("PENDING");
    assertThat(Api.auditHead()).isEqualTo(auditBefore);
  }

  @Test
  void resumingAHaltedRolloutNeedsAReason() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("1.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    vendor.act(rollout, "halt", Map.of()).statusCode(200);

    vendor
        .act(rollout, "resume", Map.of())
        .statusCode(400)
        .body("violations[0].field", equalTo("reason"));
    vendor
        .act(rollout, "resume", Map.of("reason", "false alarm: lab power cut"))
        .statusCode(200)
        .body("state", equalTo("IN_PROGRESS"));
  }

  @Test
  void startingANewRolloutSupersedesTheOneInProgress() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String first = vendor.publishRollout("1.0.0");
    vendor.act(first, "start", Map.of()).statusCode(200);
    String second = vendor.publishRollout("1.0.1");

    vendor.act(second, "start", Map.of()).statusCode(200);

    assertThat(state(vendor, first)).isEqualTo("SUPERSEDED");
    Api.as(vendor.key())
        .queryParam("state", "IN_PROGRESS")
        .get("/api/v1/products/" + vendor.productId() + "/rollouts")
        .then()
        .body("id", contains(second));
  }

  @Test
  void aPlanReplacedAfterPublishingAppliesWhenTheRolloutStarts() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("1.0.0");
    Plans.rings(50, 10_000).applyTo(vendor);

    vendor
        .act(rollout, "start", Map.of())
        .statusCode(200)
        .body("rings.shareBp", contains(50, 10_000));
  }

  @Test
  void aRingNotStartedYetAdmitsNothingInItsOwnName() {
    // Given a rollout in its first ring (1 %) of a plan of 1 %, 10 % and everyone
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(100, 1_000, 10_000).applyTo(vendor);
    String rollout = vendor.publishRollout("1.0.0");

    // When it starts
    vendor.act(rollout, "start", Map.of()).statusCode(200);

    // Then the first ring admits its share, the rings not started yet 0 (not the previous share)
    Api.as(vendor.key())
        .get("/api/v1/rollouts/" + rollout)
        .then()
        .statusCode(200)
        .body("rings.admittedBp", contains(100, 0, 0))
        .body("rings.state", contains("ACTIVE", "PENDING", "PENDING"));
  }

  @Test
  void anUnknownActionIs404() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("1.0.0");
    vendor.act(rollout, "explode", Map.of()).statusCode(404);
  }

  @Test
  void anotherVendorCannotMoveTheRollout() {
    VendorSetup vendor = VendorSetup.agentVendor();
    VendorSetup other = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("1.0.0");

    Api.as(other.key())
        .body(Map.of())
        .post("/api/v1/rollouts/" + rollout + "/start")
        .then()
        .statusCode(404);
    Api.as(Api.fleetAdminKey(Api.newTenant()))
        .body(Map.of())
        .post("/api/v1/rollouts/" + rollout + "/halt")
        .then()
        .statusCode(403);
    Api.asOperator()
        .body(Map.of())
        .post("/api/v1/rollouts/" + rollout + "/start")
        .then()
        .statusCode(403);
    assertThat(state(vendor, rollout)).isEqualTo("PENDING");
  }

  @Test
  void everyTransitionIsInTheHistoryTheAuditLogAndTheOutbox() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("1.0.0");
    vendor.act(rollout, "start", Map.of("reason", "go")).statusCode(200);
    vendor.act(rollout, "pause", Map.of("reason", "wait")).statusCode(200);

    List<String> outbox =
        store.read(
            c ->
                Sql.list(
                    c,
                    "SELECT event_type FROM outbox WHERE rollout_id = ? ORDER BY id",
                    r -> r.getString(1),
                    rollout));
    assertThat(outbox).containsExactly("ROLLOUT_STARTED", "ROLLOUT_PAUSED");
    String paused =
        store.read(
            c ->
                Sql.one(
                        c,
                        "SELECT payload FROM outbox WHERE rollout_id = ? AND event_type = 'ROLLOUT_PAUSED'",
                        r -> r.getString(1),
                        rollout)
                    .orElseThrow());
    assertThat(paused)
        .contains("\"rolloutId\":\"" + rollout + "\"")
        .contains("\"productId\":\"" + vendor.productId() + "\"")
        .contains("\"version\":\"1.0.0\"")
        .contains("\"fromState\":\"IN_PROGRESS\"")
        .contains("\"toState\":\"PAUSED\"")
        .contains("\"reason\":\"wait\"")
        .contains("\"type\":\"ROLLOUT_PAUSED\"");
    String audit = Api.asOperator().get("/api/v1/audit?limit=10000").then().extract().asString();
    assertThat(audit).contains("\"action\":\"ROLLOUT_PAUSED\"").contains(rollout);
  }

  @Test
  void anActionNeedsNoBody() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("1.0.0");

    io.restassured.RestAssured.given()
        .header("Authorization", "Bearer " + vendor.key())
        .post("/api/v1/rollouts/" + rollout + "/start")
        .then()
        .statusCode(200)
        .body("state", equalTo("IN_PROGRESS"));
  }
}
