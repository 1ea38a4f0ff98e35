package dev.ringgate.health;

import static dev.ringgate.health.AutomaticHaltApiTest.canaryDevices;
import static dev.ringgate.health.AutomaticHaltApiTest.rollout;
import static dev.ringgate.health.AutomaticHaltApiTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Metrics;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Silence is a signal: installers that never report or check in again halt the rollout, while the
 * same silence in the control group (a fleet switched off at night) halts nothing. Devices here
 * poll every second, so "silent" comes after three seconds.
 */
@QuarkusTest
@TestProfile(SilenceHaltApiTest.FastPolls.class)
class SilenceHaltApiTest {

  public static class FastPolls implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ringgate.checkin.poll-seconds", "1",
          "ringgate.checkin.install-poll-seconds", "1",
          "ringgate.health.silent-after-polls", "3");
    }
  }

  @Test
  void installersThatGoSilentWithoutASingleReportHaltTheRollout() {
    // Given: twenty canary devices told to install 2.0.0, and forty devices of the ring after it
    // on 1.0.0 (the canary's control: silence is only judged against one)
    VendorSetup vendor = AutomaticHaltApiTest.canary();
    String key = Api.deviceKey(Api.newTenant());
    List<String> devices = canaryDevices(vendor.productId(), 20);
    List<String> later = Devices.manyInBasisPoints(vendor.productId(), 100, 10_000, 40);
    Devices.established(key, vendor.productId(), "1.0.0", devices);
    Devices.established(key, vendor.productId(), "1.0.0", later);
    String rollout = start(vendor, "2.0.0");
    for (String device : devices) {
      assertThat(Devices.action(key, device, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");
    }

    // When: none of them is ever heard from again (a boot loop that reports nothing), while the
    // later ring's devices check in as usual
    // Then
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              for (String device : later) {
                Devices.action(key, device, vendor.productId(), "1.0.0");
              }
              return rollout(vendor, rollout).getString("state").equals("ROLLED_BACK");
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rollout(vendor, rollout).getInt("rings[0].silentDevices") == 20);
    JsonPath view = rollout(vendor, rollout);
    assertThat(view.getInt("rings[0].crashedDevices")).isZero();
    assertThat(view.getString("history[-1].actor.id")).isEqualTo("health-gate");
    assertThat(view.getString("history[-1].reason")).contains("silent");
    assertThat(
            Metrics.value(
                "ringgate_rollout_halts_total",
                Map.of("product", vendor.productId(), "reason", "silence")))
        .isEqualTo(1);
  }

  @Test
  void theSameSilenceInTheControlGroupHaltsNothing() {
    // Given: twenty installers and forty devices of the same ring held back by their tenant's
    // policy (the control group), all checking in once, in the same moments
    VendorSetup vendor = AutomaticHaltApiTest.canary();
    String staged = Api.deviceKey(Api.newTenant());
    String heldTenant = Api.newTenant();
    Api.as(Api.fleetAdminKey(heldTenant))
        .body(Map.of("channel", "GENERAL", "requireApproval", false))
        .put("/api/v1/tenants/" + heldTenant + "/policies/" + vendor.productId())
        .then()
        .statusCode(200);
    String held = Api.deviceKey(heldTenant);
    List<String> devices = canaryDevices(vendor.productId(), 60);
    Devices.established(staged, vendor.productId(), "1.0.0", devices.subList(0, 20));
    Devices.established(held, vendor.productId(), "1.0.0", devices.subList(20, 60));
    String rollout = start(vendor, "2.0.0");
    for (int i = 0; i < 20; i++) {
      assertThat(Devices.action(staged, devices.get(i), vendor.productId(), "1.0.0"))
          .isEqualTo("INSTALL");
      for (String device : devices.subList(20 + 2 * i, 22 + 2 * i)) {
        assertThat(Devices.action(held, device, vendor.productId(), "1.0.0")).isEqualTo("STAY");
      }
    }

    // When: the whole fleet is switched off (nobody checks in any more)
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonPath view = rollout(vendor, rollout);
              return view.getInt("rings[0].silentDevices") == 20
                  && view.getInt("rings[0].controlSilentDevices") == 40;
            });
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);

    // Then: both groups are silent alike, and the rollout goes on
    JsonPath view = rollout(vendor, rollout);
    assertThat(view.getString("state")).isEqualTo("IN_PROGRESS");
    assertThat(view.getList("haltedTenants")).isEmpty();
    assertThat(view.getInt("rings[0].controlDevices")).isEqualTo(40);
    assertThat(view.getInt("rings[0].evidence.controlDevices")).isEqualTo(40);
  }
}
