package dev.ringgate.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Telemetry in over HTTP, and how the rollout's rings count it. */
@QuarkusTest
class TelemetryApiTest {

  /** A product at 1.0.0 everywhere with 2.0.0 started in a 0.1 % canary, then everyone. */
  private static VendorSetup canaryOfTwo() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10, 10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    return vendor;
  }

  private static String start(VendorSetup vendor, String version) {
    String rollout = vendor.publishRollout(version);
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    return rollout;
  }

  private static JsonPath rollout(VendorSetup vendor, String rolloutId) {
    return Api.as(vendor.key())
        .get("/api/v1/rollouts/" + rolloutId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void aBootLoopingDeviceIsOneCrashedDeviceHoweverOftenItReports() {
    // Given: a canary device offered 2.0.0
    VendorSetup vendor = canaryOfTwo();
    String rollout = start(vendor, "2.0.0");
    String key = Api.deviceKey(Api.newTenant());
    String device = Devices.inBasisPoints(vendor.productId(), 0, 10);
    assertThat(Devices.action(key, device, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");

    // When: it installs, boots once, then reports 400 crashes and boot loops
    Telemetry batch = Telemetry.batch().add(device, vendor.productId(), "2.0.0", "INSTALLED");
    batch.add(device, vendor.productId(), "2.0.0", "HEARTBEAT");
    for (int i = 0; i < 400; i++) {
      batch.add(device, vendor.productId(), "2.0.0", i % 2 == 0 ? "CRASH" : "BOOT_LOOP");
    }
    batch.accepted(key);

    // Then: one exposed device, one crashed device, in the canary (once the offer is written)
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> rollout(vendor, rollout).getInt("rings[0].exposedDevices") == 1);
    JsonPath view = rollout(vendor, rollout);
    assertThat(view.getInt("rings[0].exposedDevices")).isEqualTo(1);
    assertThat(view.getInt("rings[0].crashedDevices")).isEqualTo(1);
    assertThat(view.getInt("rings[1].crashedDevices")).isZero();
  }

  @Test
  void aLateCrashReportCountsInTheRingWhereTheDeviceWasExposed() {
    // Given: a canary device took 2.0.0, then the rollout moved on to everyone
    VendorSetup vendor = canaryOfTwo();
    String rollout = start(vendor, "2.0.0");
    String key = Api.deviceKey(Api.newTenant());
    String canary = Devices.inBasisPoints(vendor.productId(), 0, 10);
    String broad = Devices.inBasisPoints(vendor.productId(), 10, 10_000);
    Devices.action(key, canary, vendor.productId(), "1.0.0");
    Instant crashedAt = Instant.now();
    Telemetry.batch().add(canary, vendor.productId(), "2.0.0", "INSTALLED").accepted(key);
    vendor.act(rollout, "promote", Map.of("force", true)).statusCode(200);

    assertThat(Devices.action(key, broad, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");

    // When: it reports, after its reboot, the crash it had back then; a broad device crashes now
    Telemetry.batch()
        .add(canary, vendor.productId(), "2.0.0", "BOOT_LOOP", crashedAt)
        .add(broad, vendor.productId(), "2.0.0", "CRASH")
        .accepted(key);

    // Then (once the offers are written)
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> rollout(vendor, rollout).getInt("rings[1].crashedDevices") == 1);
    JsonPath view = rollout(vendor, rollout);
    assertThat(view.getInt("rings[0].crashedDevices")).isEqualTo(1);
    assertThat(view.getInt("rings[1].crashedDevices")).isEqualTo(1);
  }

  @Test
  void devicesOfTheRingHeldBackByPolicyAreTheControlGroup() {
    // Given: a tenant on the GENERAL channel keeps its canary device on 1.0.0 while 2.0.0 rolls
    VendorSetup vendor = canaryOfTwo();
    String rollout = start(vendor, "2.0.0");
    String tenant = Api.newTenant();
    Api.as(Api.fleetAdminKey(tenant))
        .body(Map.of("channel", "GENERAL", "requireApproval", false))
        .put("/api/v1/tenants/" + tenant + "/policies/" + vendor.productId())
        .then()
        .statusCode(200);
    String key = Api.deviceKey(tenant);
    String held = Devices.inBasisPoints(vendor.productId(), 0, 10);
    assertThat(Devices.action(key, held, vendor.productId(), "1.0.0")).isEqualTo("STAY");

    // When: it crashes on 1.0.0
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> rollout(vendor, rollout).getInt("rings[0].controlDevices") == 1);
    Telemetry.batch().add(held, vendor.productId(), "1.0.0", "CRASH").accepted(key);

    // Then: a control device crashed; the release's own figures are untouched
    JsonPath view = rollout(vendor, rollout);
    assertThat(view.getInt("rings[0].controlCrashedDevices")).isEqualTo(1);
    assertThat(view.getInt("rings[0].crashedDevices")).isZero();
    assertThat(view.getInt("rings[0].exposedDevices")).isZero();
  }

  @Test
  void reportsFromDevicesTheReleaseWasNeverOfferedToDoNotMoveTheGate() {
    // Given: a canary with no device offered 2.0.0 yet
    VendorSetup vendor = canaryOfTwo();
    String rollout = start(vendor, "2.0.0");
    String key = Api.deviceKey(Api.newTenant());

    // When: made-up devices of the canary's share report installing and crashing 2.0.0
    Telemetry batch = Telemetry.batch();
    for (String device : Devices.manyInBasisPoints(vendor.productId(), 0, 10, 5)) {
      batch.add(device, vendor.productId(), "2.0.0", "INSTALLED");
      batch.add(device, vendor.productId(), "2.0.0", "CRASH");
    }
    batch.accepted(key);

    // Then: stored, but nothing counts for the rollout, which goes on
    JsonPath view = rollout(vendor, rollout);
    assertThat(view.getInt("rings[0].exposedDevices")).isZero();
    assertThat(view.getInt("rings[0].crashedDevices")).isZero();
    assertThat(view.getString("state")).isEqualTo("IN_PROGRESS");
  }

  @Test
  void theFleetViewShowsDevicesThatCrashedInTheLastDay() {
    VendorSetup vendor = canaryOfTwo();
    String tenant = Api.newTenant();
    String key = Api.deviceKey(tenant);
    Telemetry.batch()
        .add("pc-a", vendor.productId(), "1.0.0", "CRASH")
        .add("pc-a", vendor.productId(), "1.0.0", "CRASH")
        .add("pc-b", vendor.productId(), "1.0.0", "BOOT_LOOP")
        .add("pc-c", vendor.productId(), "1.0.0", "HEARTBEAT")
        .accepted(key);

    Api.as(Api.fleetAdminKey(tenant))
        .get("/api/v1/tenants/" + tenant + "/fleet?productId=" + vendor.productId())
        .then()
        .statusCode(200)
        .body("crashedLast24h", equalTo(2));
  }

  @Test
  void aBatchWithOneBadEventIsRefusedWholeAndNothingOfItCounts() {
    VendorSetup vendor = canaryOfTwo();
    String rollout = start(vendor, "2.0.0");
    String tenant = Api.newTenant();
    String key = Api.deviceKey(tenant);
    String device = Devices.inBasisPoints(vendor.productId(), 0, 10);
    Devices.action(key, device, vendor.productId(), "1.0.0");
    Map<String, Object> noTime = new HashMap<>();
    noTime.put("deviceId", device);
    noTime.put("productId", vendor.productId());
    noTime.put("version", "2.0.0");
    noTime.put("type", "CRASH");

    Telemetry.batch()
        .add(device, vendor.productId(), "2.0.0", "CRASH")
        .raw(noTime)
        .send(key)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem("events[1].at"));
    Telemetry.batch()
        .add(device, vendor.productId(), "2.0.0", "CRASH")
        .add(device, vendor.productId(), "2.0.0", "EXPLODED")
        .send(key)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("events[1].type"));
    Telemetry.batch()
        .add(device, vendor.productId(), "2.0.0", "CRASH")
        .add(device, "no-such-product", "2.0.0", "CRASH")
        .send(key)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("events[1].productId"));
    Telemetry.batch()
        .add(device, vendor.productId(), "2.0.0", "CRASH")
        .add("bad id!", vendor.productId(), "2.0.0", "CRASH")
        .send(key)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("events[1].deviceId"));
    Map<String, Object> longDetail = new HashMap<>(noTime);
    longDetail.put("at", Instant.now().toString());
    longDetail.put("detail", "é".repeat(1025));
    Telemetry.batch()
        .add(device, vendor.productId(), "2.0.0", "CRASH")
        .raw(longDetail)
        .send(key)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("events[1].detail"));
    Telemetry tooMany = Telemetry.batch();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(device, vendor.productId(), "2.0.0", "CRASH");
    }
    tooMany.send(key).then().statusCode(400).body("violations.field", hasItem("events"));

    assertThat(rollout(vendor, rollout).getInt("rings[0].crashedDevices")).isZero();
    Api.as(Api.fleetAdminKey(tenant))
        .get("/api/v1/tenants/" + tenant + "/fleet?productId=" + vendor.productId())
        .then()
        .body("crashedLast24h", equalTo(0));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "+999999999-12-31T23:59:59Z",
        "-999999999-01-01T00:00:00Z",
        "1999-12-31T23:59:59Z",
        "9999-12-31T23:59:59Z"
      })
  void anEventTimeOutsideTheAcceptedRangeIsRefusedNamingTheEvent(String at) {
    // Given
    VendorSetup vendor = canaryOfTwo();
    String key = Api.deviceKey(Api.newTenant());
    Map<String, Object> event = new HashMap<>();
    event.put("deviceId", "pc-bad-clock");
    event.put("productId", vendor.productId());
    event.put("version", "1.0.0");
    event.put("type", "CRASH");
    event.put("at", at);

    // When / Then
    Telemetry.batch()
        .add("pc-good-clock", vendor.productId(), "1.0.0", "HEARTBEAT")
        .raw(event)
        .send(key)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem("events[1].at"));
  }

  @Test
  void anEventTimeAFewMinutesAheadOfTheServerIsAccepted() {
    // Given: a device whose clock runs ten minutes fast
    VendorSetup vendor = canaryOfTwo();
    String key = Api.deviceKey(Api.newTenant());

    // When / Then
    Telemetry.batch()
        .add(
            "pc-fast-clock",
            vendor.productId(),
            "1.0.0",
            "HEARTBEAT",
            Instant.now().plus(java.time.Duration.ofMinutes(10)))
        .accepted(key);
  }

  @Test
  void aDeviceOfAnotherTenantCannotReportAndNothingOfTheBatchIsStored() {
    // Given: a device bound to tenant A
    VendorSetup vendor = canaryOfTwo();
    String rollout = start(vendor, "2.0.0");
    String device = Devices.inBasisPoints(vendor.productId(), 0, 10);
    Devices.action(Api.deviceKey(Api.newTenant()), device, vendor.productId(), "1.0.0");
    String otherTenant = Api.newTenant();
    String otherKey = Api.deviceKey(otherTenant);

    // When: tenant B reports crashes for it, alongside one of its own devices
    Telemetry.batch()
        .add("b-own", vendor.productId(), "2.0.0", "CRASH")
        .add(device, vendor.productId(), "2.0.0", "CRASH")
        .send(otherKey)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("events[1].deviceId"));

    // Then: nothing counted, not even B's own event
    assertThat(rollout(vendor, rollout).getInt("rings[0].crashedDevices")).isZero();
    Api.as(Api.fleetAdminKey(otherTenant))
        .get("/api/v1/tenants/" + otherTenant + "/fleet?productId=" + vendor.productId())
        .then()
        .body("crashedLast24h", equalTo(0));
  }

  @Test
  void onlyDevicesReportTelemetry() {
    VendorSetup vendor = canaryOfTwo();
    Telemetry batch = Telemetry.batch().add("pc-1", vendor.productId(), "1.0.0", "CRASH");
    String tenant = Api.newTenant();
    Api.as(vendor.key()).body(batch.body()).post("/api/v1/telemetry").then().statusCode(403);
    Api.as(Api.fleetAdminKey(tenant))
        .body(batch.body())
        .post("/api/v1/telemetry")
        .then()
        .statusCode(403);
    Api.asOperator().body(batch.body()).post("/api/v1/telemetry").then().statusCode(403);
    io.restassured.RestAssured.given()
        .contentType("application/json")
        .body(batch.body())
        .post("/api/v1/telemetry")
        .then()
        .statusCode(401);
  }

  @Test
  void unknownPropertiesOfEventsAreIgnored() {
    VendorSetup vendor = canaryOfTwo();
    Map<String, Object> event = new HashMap<>();
    event.put("deviceId", "pc-new-agent");
    event.put("productId", vendor.productId());
    event.put("version", "1.0.0");
    event.put("type", "HEARTBEAT");
    event.put("at", Instant.now().toString());
    event.put("bootDurationMs", 5120);
    Telemetry.batch().raw(event).accepted(Api.deviceKey(Api.newTenant()));
  }
}
