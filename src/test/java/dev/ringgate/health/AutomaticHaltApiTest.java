package dev.ringgate.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The whole loop on the embedded default: devices report crashes, the rollout halts itself. The
 * devices check in before the rollout starts, as the gate counts only established devices.
 */
@QuarkusTest
class AutomaticHaltApiTest {
  private static final Logger LOG = Logger.getLogger(AutomaticHaltApiTest.class);

  /** 1.0.0 everywhere; 2.0.0 started in a 1 % canary that wants 50 devices before it may pass. */
  static VendorSetup canary() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    Plans.rings(100, 10_000).auto().minDevices(50).applyTo(vendor);
    return vendor;
  }

  static String start(VendorSetup vendor, String version) {
    String rollout = vendor.publishRollout(version);
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    return rollout;
  }

  static JsonPath rollout(VendorSetup vendor, String id) {
    return Api.as(vendor.key()).get("/api/v1/rollouts/" + id).then().extract().jsonPath();
  }

  /** Distinct device ids in the canary's share [0, 100) bp, new for every call. */
  static List<String> canaryDevices(String productId, int n) {
    return Devices.manyInBasisPoints(productId, 0, 100, n);
  }

  @Test
  void crashesHaltTheRolloutByThemselvesAndInstallersAreToldToRollBack() {
    // Given: ten canary devices took 2.0.0 and booted it
    VendorSetup vendor = canary();
    String key = Api.deviceKey(Api.newTenant());
    List<String> devices = canaryDevices(vendor.productId(), 10);
    Devices.established(key, vendor.productId(), "1.0.0", devices);
    String rollout = start(vendor, "2.0.0");
    Telemetry booted = Telemetry.batch();
    for (String device : devices) {
      assertThat(Devices.action(key, device, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");
      booted.add(device, vendor.productId(), "2.0.0", "INSTALLED");
      booted.add(device, vendor.productId(), "2.0.0", "HEARTBEAT");
    }
    booted.accepted(key);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> rollout(vendor, rollout).getInt("rings[0].exposedDevices") == 10);
    assertThat(rollout(vendor, rollout).getString("state")).isEqualTo("IN_PROGRESS");

    // When: six of them crash
    Telemetry crashes = Telemetry.batch();
    for (String device : devices.subList(0, 6)) {
      crashes.add(device, vendor.productId(), "2.0.0", "CRASH");
    }
    crashes.accepted(key);

    // Then: rolled back by the health gate, with the figures, and installers go back to 1.0.0
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rollout(vendor, rollout).getString("state").equals("ROLLED_BACK"));
    JsonPath view = rollout(vendor, rollout);
    assertThat(view.getString("history[-1].actor.type")).isEqualTo("SYSTEM");
    assertThat(view.getString("history[-1].actor.id")).isEqualTo("health-gate");
    assertThat(view.getString("history[-1].reason"))
        .startsWith("health gate: ")
        .contains("crashed");
    assertThat(view.getInt("rings[0].crashedDevices")).isEqualTo(6);
    Devices.checkin(key, devices.get(0), vendor.productId(), "2.0.0")
        .then()
        .statusCode(200)
        .body("action", org.hamcrest.Matchers.equalTo("ROLLBACK"))
        .body("version", org.hamcrest.Matchers.equalTo("1.0.0"));
  }

  @Test
  void aPausedRolloutWhoseDevicesCrashIsStillRolledBack() {
    // Given: a canary offered to eight devices, then paused by the vendor
    VendorSetup vendor = canary();
    String key = Api.deviceKey(Api.newTenant());
    List<String> devices = canaryDevices(vendor.productId(), 8);
    Devices.established(key, vendor.productId(), "1.0.0", devices);
    String rollout = start(vendor, "2.0.0");
    Telemetry installed = Telemetry.batch();
    for (String device : devices) {
      Devices.action(key, device, vendor.productId(), "1.0.0");
      installed.add(device, vendor.productId(), "2.0.0", "INSTALLED");
    }
    installed.accepted(key);
    vendor.act(rollout, "pause", Map.of("reason", "weekend")).statusCode(200);

    // When: most of them crash
    Telemetry crashes = Telemetry.batch();
    for (String device : devices.subList(0, 5)) {
      crashes.add(device, vendor.productId(), "2.0.0", "BOOT_LOOP");
    }
    crashes.accepted(key);

    // Then: the gate rolls it back all the same
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rollout(vendor, rollout).getString("state").equals("ROLLED_BACK"));
  }

  @Test
  void aHealthyCanaryIsNotHalted() {
    VendorSetup vendor = canary();
    String key = Api.deviceKey(Api.newTenant());
    List<String> devices = canaryDevices(vendor.productId(), 20);
    Devices.established(key, vendor.productId(), "1.0.0", devices);
    String rollout = start(vendor, "2.0.0");
    Telemetry booted = Telemetry.batch();
    for (String device : devices) {
      Devices.action(key, device, vendor.productId(), "1.0.0");
      booted.add(device, vendor.productId(), "2.0.0", "INSTALLED");
      booted.add(device, vendor.productId(), "2.0.0", "HEARTBEAT");
    }
    booted.accepted(key);

    await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
    JsonPath view = rollout(vendor, rollout);
    assertThat(view.getString("state")).isEqualTo("IN_PROGRESS");
    assertThat(view.getInt("rings[0].exposedDevices")).isEqualTo(20);
    assertThat(view.getString("rings[0].verdict")).isEqualTo("WAIT");
  }

  /**
   * Measures the time from the acknowledgement of the report that tips the gate to the first
   * check-in that no longer offers the release (docs/benchmarks.md quotes it; the target, under a
   * second, is not asserted here). Crashes are reported one by one; after each 202 a device of the
   * canary checks in until it is no longer offered the release, or 300 ms have passed.
   */
  @Test
  void theReportThatTipsTheGateStopsTheOffersWithinMilliseconds() {
    VendorSetup vendor = canary();
    String key = Api.deviceKey(Api.newTenant());
    List<String> devices = canaryDevices(vendor.productId(), 12);
    Devices.established(key, vendor.productId(), "1.0.0", devices);
    String rollout = start(vendor, "2.0.0");
    List<String> installers = devices.subList(0, 10);
    String newcomer = devices.get(11);
    Telemetry installed = Telemetry.batch();
    for (String device : installers) {
      Devices.action(key, device, vendor.productId(), "1.0.0");
      installed.add(device, vendor.productId(), "2.0.0", "INSTALLED");
    }
    installed.accepted(key);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> rollout(vendor, rollout).getInt("rings[0].exposedDevices") == 10);
    assertThat(Devices.action(key, newcomer, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");

    double millis = -1;
    for (String device : installers) {
      Telemetry.batch().add(device, vendor.productId(), "2.0.0", "BOOT_LOOP").accepted(key);
      long acknowledged = System.nanoTime();
      String action = "INSTALL";
      while (action.equals("INSTALL") && System.nanoTime() - acknowledged < 300_000_000L) {
        action = Devices.action(key, newcomer, vendor.productId(), "1.0.0");
      }
      if (!action.equals("INSTALL")) {
        millis = (System.nanoTime() - acknowledged) / 1e6;
        break;
      }
    }
    LOG.infof(
        "halt latency: %.1f ms from the tipping report's 202 to a check-in without it", millis);
    System.out.printf("HALT-LATENCY-MS %.1f%n", millis);
    assertThat(millis).as("the release stopped being offered").isPositive();
    assertThat(rollout(vendor, rollout).getString("state")).isEqualTo("ROLLED_BACK");
  }
}
