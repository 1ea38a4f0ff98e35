package dev.ringgate.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ringgate.support.Api;
import dev.ringgate.support.CanaryFleet;
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
 * The gate's failure-rate ratio and its interval, from telemetry of exposed and control devices to
 * the rollout's evidence and the vendor's console pages.
 */
@QuarkusTest
class RatioConsoleTest {
  @Test
  void theRolloutPagesShowTheRatioWithItsInterval() {
    // Given: 2.0.0 in a canary of half the fleet; one tenant takes it, one holds back (control)
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    Plans.rings(5_000, 10_000).auto().minDevices(1_000).applyTo(vendor);
    String taking = Api.deviceKey(Api.newTenant());
    String holding = Api.newTenant();
    Api.as(Api.fleetAdminKey(holding))
        .body(Map.of("channel", "GENERAL", "requireApproval", false))
        .put("/api/v1/tenants/" + holding + "/policies/" + vendor.productId())
        .then()
        .statusCode(200);
    String held = Api.deviceKey(holding);
    List<String> exposed = Devices.manyInBasisPoints(vendor.productId(), 0, 5_000, 12);
    List<String> control = Devices.manyInBasisPoints(vendor.productId(), 0, 5_000, 12);
    Devices.established(taking, vendor.productId(), "1.0.0", exposed);
    Devices.established(held, vendor.productId(), "1.0.0", control);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    Telemetry installed = Telemetry.batch();
    for (String device : exposed) {
      assertThat(Devices.action(taking, device, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");
      installed.add(device, vendor.productId(), "2.0.0", "INSTALLED");
    }
    installed.accepted(taking);
    for (String device : control) {
      assertThat(Devices.action(held, device, vendor.productId(), "1.0.0")).isEqualTo("STAY");
    }

    // When: three exposed devices crash, and two of the control group
    Telemetry crashes = Telemetry.batch();
    exposed.subList(0, 3).forEach(d -> crashes.add(d, vendor.productId(), "2.0.0", "CRASH"));
    crashes.accepted(taking);
    Telemetry controlCrashes = Telemetry.batch();
    control.subList(0, 2).forEach(d -> controlCrashes.add(d, vendor.productId(), "1.0.0", "CRASH"));
    controlCrashes.accepted(held);

    // Then: the evidence has an estimate inside its interval, and both pages show them (the
    // figures move with the device-hours, so the page's need not be the API's of a moment ago)
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              // both groups' crashes counted (they reach the gate written behind, not together)
              JsonPath counted = evidence(vendor, rollout);
              return counted.get("rings[0].evidence.crashRateRatio") != null
                  && counted.getInt("rings[0].crashedDevices") >= 3
                  && counted.getInt("rings[0].controlCrashedDevices") >= 2;
            });
    JsonPath view = evidence(vendor, rollout);
    float estimate = view.getFloat("rings[0].evidence.crashRateRatio.estimate");
    assertThat(view.getFloat("rings[0].evidence.crashRateRatio.low")).isLessThan(estimate);
    assertThat(view.getFloat("rings[0].evidence.crashRateRatio.high")).isGreaterThan(estimate);
    String cookie = signIn(vendor.key());
    for (String page : List.of("/console/rollouts/" + rollout, "/console/rollouts")) {
      String html = given().cookie(SessionCookies.NAME, cookie).get(page).asString();
      assertThat(html)
          .as(page)
          .containsPattern("class=\"num ratio\">≈ [0-9.]+ \\([0-9.]+–[0-9.∞]+\\)");
    }
  }

  @Test
  void aRingThatWaitsOnExposureSaysHowManyMoreDeviceHoursItNeedsAndChartsItsEvidence() {
    // Given a canary whose gate asks for beta, its 20 devices on 2.0.0 and 30 of the next ring
    // staying on 1.0.0 as control, one of which crashed
    CanaryFleet fleet = CanaryFleet.started();
    VendorSetup vendor = fleet.vendor;
    String rollout = fleet.rollout;
    fleet.laterStay();
    fleet.canaryInstalls("INSTALLED");
    Telemetry.batch()
        .add(fleet.later.get(0), vendor.productId(), "1.0.0", "CRASH")
        .accepted(fleet.key);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                evidence(vendor, rollout).get("rings[0].evidence.remainingDeviceHours") != null
                    && evidence(vendor, rollout).getInt("rings[0].evidence.exposedDevices") == 20);
    assertThat(evidence(vendor, rollout).getDouble("rings[0].evidence.remainingDeviceHours"))
        .isGreaterThan(0);

    // Then the rollout page's "what happens next" and the rollouts table's next step say how
    // many more device-hours the ring needs, and with what power it would catch a 2× regression
    String cookie = signIn(vendor.key());
    for (String page : List.of("/console/rollouts/" + rollout, "/console/rollouts")) {
      String html = given().cookie(SessionCookies.NAME, cookie).get(page).asString();
      assertThat(html)
          .as(page)
          .containsPattern(
              "Ring ring0 bakes: it promotes to ring ring1 [^<]*unless a regression appears;"
                  + " needs [0-9,]+ more device-hours \\(of [0-9,]+; so far a release 2×"
                  + " worse would have been halted with probability [0-9]+ %, 98 % asked"
                  + " for\\)");
    }
    // and the chart of the canary alone carries the gate's evidence and its threshold
    JsonPath chart =
        given()
            .cookie(SessionCookies.NAME, cookie)
            .get("/console/rollouts/" + rollout + "/series?ring=0")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(chart.getInt("ring")).isZero();
    assertThat(chart.getDouble("threshold"))
        .isCloseTo(Math.log(100), org.assertj.core.data.Offset.offset(1e-5));
    assertThat(chart.getList("evidence")).hasSameSizeAs(chart.getList("t")).isNotEmpty();
    assertThat(chart.getList("controlRate").get(chart.getList("controlRate").size() - 1))
        .isNotNull();
  }

  private static JsonPath evidence(VendorSetup vendor, String rollout) {
    return Api.as(vendor.key()).get("/api/v1/rollouts/" + rollout).then().extract().jsonPath();
  }

  private static String signIn(String key) {
    return given()
        .redirects()
        .follow(false)
        .formParam("key", key)
        .post("/console/sign-in")
        .getCookie(SessionCookies.NAME);
  }
}
