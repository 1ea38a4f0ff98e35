package dev.ringgate.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The telemetry answer says how many stored events counted toward no rollout, and why. */
@QuarkusTest
class UncountedTelemetryApiTest {

  /** A product at 1.0.0 everywhere with 2.0.0 started in a 0.1 % canary. */
  private static VendorSetup canaryOfTwo() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10, 10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    return vendor;
  }

  @Test
  void aReportOnAReleaseTheDeviceWasNeverOfferedCountsForNothing() {
    // Given a device outside the canary, never offered 2.0.0
    VendorSetup vendor = canaryOfTwo();
    String key = Api.deviceKey(Api.newTenant());
    String device = Devices.inBasisPoints(vendor.productId(), 5_000, 10_000);
    assertThat(Devices.action(key, device, vendor.productId(), "1.0.0")).isEqualTo("STAY");

    // When it reports having installed 2.0.0 anyway
    Telemetry.batch()
        .add(device, vendor.productId(), "2.0.0", "INSTALLED")
        .send(key)
        // Then the event is stored, and said to count toward nothing
        .then()
        .statusCode(202)
        .body("accepted", equalTo(1))
        .body("uncounted.total", equalTo(1))
        .body("uncounted.byReason.NOT_OFFERED", equalTo(1));
  }

  @Test
  void aReportOnAVersionThatIsNoReleaseCountsForNothing() {
    VendorSetup vendor = canaryOfTwo();
    String key = Api.deviceKey(Api.newTenant());
    String device = Api.uniqueId("laptop");

    Telemetry.batch()
        .add(device, vendor.productId(), "9.9.9", "HEARTBEAT")
        .add(device, vendor.productId(), "9.9.9", "CRASH")
        .send(key)
        .then()
        .statusCode(202)
        .body("accepted", equalTo(2))
        .body("uncounted.total", equalTo(2))
        .body("uncounted.byReason.UNKNOWN_VERSION", equalTo(2));
  }

  @Test
  void aReportWhileNoRolloutCountsCountsForNothing() {
    // Given a product whose only rollout completed
    VendorSetup vendor = VendorSetup.agentVendor();
    vendor.complete("1.0.0");
    String key = Api.deviceKey(Api.newTenant());

    Telemetry.batch()
        .add(Api.uniqueId("laptop"), vendor.productId(), "1.0.0", "HEARTBEAT")
        .send(key)
        .then()
        .statusCode(202)
        .body("uncounted.total", equalTo(1))
        .body("uncounted.byReason.ROLLOUT_NOT_COUNTING", equalTo(1));
  }

  @Test
  void aReportOfAnOfferedDeviceCounts() {
    // Given a canary device offered 2.0.0
    VendorSetup vendor = canaryOfTwo();
    String key = Api.deviceKey(Api.newTenant());
    String device = Devices.inBasisPoints(vendor.productId(), 0, 10);
    assertThat(Devices.action(key, device, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");

    // When it reports the install and a good boot
    Telemetry.batch()
        .add(device, vendor.productId(), "2.0.0", "INSTALLED")
        .add(device, vendor.productId(), "2.0.0", "HEARTBEAT")
        .send(key)
        // Then nothing is uncounted
        .then()
        .statusCode(202)
        .body("accepted", equalTo(2))
        .body("uncounted.total", equalTo(0))
        .body("uncounted.byReason", anEmptyMap());
  }
}
