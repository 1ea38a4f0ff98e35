package dev.ringgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/**
 * A 1 % canary whose gate asks for beta, with 20 established devices in it and 30 in the ring after
 * it, all on 1.0.0, and the rollout of 2.0.0 started: the fleet the gate's control-group tests
 * share. The devices check in only when the test says so.
 */
public final class CanaryFleet {
  public final VendorSetup vendor = VendorSetup.agentVendor();
  public final String key;
  public final List<String> canary;
  public final List<String> later;
  public final String rollout;

  private CanaryFleet() {
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    Plans.rings(100, 10_000).auto().minDevices(10).beta(0.02).applyTo(vendor);
    key = Api.deviceKey(Api.newTenant());
    canary = Devices.manyInBasisPoints(vendor.productId(), 0, 100, 20);
    later = Devices.manyInBasisPoints(vendor.productId(), 100, 10_000, 30);
    Devices.established(key, vendor.productId(), "1.0.0", canary);
    Devices.established(key, vendor.productId(), "1.0.0", later);
    rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
  }

  public static CanaryFleet started() {
    return new CanaryFleet();
  }

  public String product() {
    return vendor.productId();
  }

  /** The later ring's devices check in and stay on 1.0.0: the control. */
  public void laterStay() {
    for (String device : later) {
      assertThat(Devices.action(key, device, product(), "1.0.0")).isEqualTo("STAY");
    }
  }

  /** The canary's devices check in, are told to install 2.0.0 and report {@code types} on it. */
  public void canaryInstalls(String... types) {
    Telemetry reports = Telemetry.batch();
    for (String device : canary) {
      assertThat(Devices.action(key, device, product(), "1.0.0")).isEqualTo("INSTALL");
      for (String type : types) {
        reports.add(device, product(), "2.0.0", type);
      }
    }
    reports.accepted(key);
  }

  /** The rollout as its vendor reads it. */
  public JsonPath view() {
    return Api.as(vendor.key()).get("/api/v1/rollouts/" + rollout).then().extract().jsonPath();
  }
}
