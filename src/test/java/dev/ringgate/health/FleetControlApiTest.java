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
import org.junit.jupiter.api.Test;

/**
 * The whole fleet as control (docs/halting.md): devices in rings the rollout has not reached are
 * the control of every ring reached, and with the gate's beta the view says how much exposure the
 * ring still needs.
 */
@QuarkusTest
class FleetControlApiTest {

  private static JsonPath rollout(VendorSetup vendor, String id) {
    return Api.as(vendor.key()).get("/api/v1/rollouts/" + id).then().extract().jsonPath();
  }

  @Test
  void devicesOfRingsNotReachedAreTheCanarysControlAndSetTheExposureItNeeds() {
    // Given a 1 % canary whose gate asks for beta, 20 established devices in it and 30 in the
    // ring after it, all on 1.0.0
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    Plans.rings(100, 10_000).auto().minDevices(10).beta(0.02).applyTo(vendor);
    String key = Api.deviceKey(Api.newTenant());
    List<String> canary = Devices.manyInBasisPoints(vendor.productId(), 0, 100, 20);
    List<String> later = Devices.manyInBasisPoints(vendor.productId(), 100, 10_000, 30);
    Devices.established(key, vendor.productId(), "1.0.0", canary);
    Devices.established(key, vendor.productId(), "1.0.0", later);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);

    // When the later ring's devices check in (and stay), the canary installs, and one of the
    // later ring's devices crashes on 1.0.0
    for (String device : later) {
      assertThat(Devices.action(key, device, vendor.productId(), "1.0.0")).isEqualTo("STAY");
    }
    Telemetry booted = Telemetry.batch();
    for (String device : canary) {
      assertThat(Devices.action(key, device, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");
      booted.add(device, vendor.productId(), "2.0.0", "INSTALLED");
      booted.add(device, vendor.productId(), "2.0.0", "HEARTBEAT");
    }
    booted.accepted(key);
    Telemetry.batch().add(later.get(0), vendor.productId(), "1.0.0", "CRASH").accepted(key);

    // Then the canary's evidence compares its devices with the fleet's: 30 control devices, one
    // crashed, though none of the canary's own devices was held back
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> rollout(vendor, rollout).getInt("rings[0].evidence.controlDevices") == 30);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> rollout(vendor, rollout).getInt("rings[0].evidence.controlCrashedDevices") == 1);
    JsonPath view = rollout(vendor, rollout);
    assertThat(view.getInt("rings[0].controlDevices")).isZero();
    assertThat(view.getString("state")).isEqualTo("IN_PROGRESS");
    // and the ring waits for a deterministic amount of exposure, shown in the view and verdict
    assertThat(view.getString("rings[0].verdict")).isEqualTo("WAIT");
    assertThat(view.getDouble("rings[0].evidence.neededDeviceHours")).isGreaterThan(0);
    assertThat(view.getDouble("rings[0].evidence.remainingDeviceHours")).isGreaterThan(0);
    assertThat(view.getDouble("rings[0].evidence.certifiedPower")).isLessThan(0.98);
    assertThat(view.getString("rings[0].verdictDetail"))
        .contains("more device-hours, about", "at the current rate");
  }
}
