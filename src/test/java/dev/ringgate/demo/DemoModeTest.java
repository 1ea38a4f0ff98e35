package dev.ringgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Demo mode, as a newcomer watching the API sees it: the demo product's healthy release goes
 * through every ring, its bad release is rolled back by the health gate, and the devices that took
 * it go back. The profile runs the demo small and fast: 300 devices polling every 2 s, rings with
 * no bake time, crashes right after the install.
 */
@QuarkusTest
@TestProfile(DemoModeTest.SmallFastDemo.class)
class DemoModeTest {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String PRODUCT = "demo-sensor";
  private static final String EARLY_ACCESS_TENANT = "demo-early-lab";

  public static class SmallFastDemo implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ringgate.demo.enabled", "true",
          "ringgate.demo.devices", "300",
          "ringgate.demo.poll-seconds", "2",
          "ringgate.demo.heartbeat-seconds", "10",
          "ringgate.demo.bake-minutes", "0",
          "ringgate.demo.ramp-minutes", "0",
          "ringgate.demo.crash-after-seconds", "0",
          "ringgate.demo.pause-seconds", "1");
    }
  }

  @Test
  void theHealthyReleaseIsRolledOutThroughEveryRing() {
    // Given: the demo mode is on (the profile)
    // When: it has run its healthy release
    JsonPath rollout = awaitRollout("1.1.0", "COMPLETED");

    // Then
    assertThat(rollout.getInt("ringIndex")).isEqualTo(3);
    assertThat(rollout.getList("rings.name")).containsExactly("canary", "early", "half", "general");
    assertThat(rollout.getInt("rings[3].exposedDevices")).isPositive();
  }

  @Test
  void theBadReleaseIsRolledBackByTheHealthGate() {
    // Given: the demo mode is on (the profile)
    // When: it has started its bad release
    JsonPath rollout = awaitRollout("1.2.0", "ROLLED_BACK");

    // Then: the gate halted it in the canary, with the crashes it saw
    assertThat(rollout.getInt("ringIndex")).isZero();
    assertThat(rollout.getInt("rings[0].crashedDevices")).isPositive();
    assertThat(rollout.getString("history[-1].actor.type")).isEqualTo("SYSTEM");
    assertThat(rollout.getString("history[-1].actor.id")).isEqualTo("health-gate");
    assertThat(rollout.getString("history[-1].reason")).contains("crashed");
  }

  @Test
  void devicesThatTookTheBadReleaseGoBackToTheHealthyOne() {
    // Given: the bad release was rolled back
    awaitRollout("1.2.0", "ROLLED_BACK");

    // When: the early-access fleet, which took it first, checks in again
    // Then: its devices crashed on 1.2.0, and they all run 1.1.0 again
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonPath fleet = earlyAccessFleet();
              assertThat(fleet.getLong("crashedLast24h")).isPositive();
              assertThat(fleet.getMap("byVersion", String.class, Integer.class))
                  .containsOnlyKeys("1.1.0");
            });
  }

  @Test
  void aDeviceOnTheRolledBackReleaseIsToldToRollBack() {
    // Given: the bad release was rolled back
    awaitRollout("1.2.0", "ROLLED_BACK");

    // When: a device that runs it checks in
    String key = Api.deviceKey("demo-retail");

    // Then
    Devices.checkin(key, "demo-retail-probe", PRODUCT, "1.2.0")
        .then()
        .statusCode(200)
        .body("action", org.hamcrest.Matchers.equalTo("ROLLBACK"))
        .body("version", org.hamcrest.Matchers.equalTo("1.1.0"));
  }

  private static JsonPath awaitRollout(String version, String state) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> rollout(version).map(r -> r.getString("state")).orElse(""), state::equals);
    return rollout(version).orElseThrow();
  }

  private static Optional<JsonPath> rollout(String version) {
    var response = Api.asOperator().get("/api/v1/products/" + PRODUCT + "/rollouts");
    if (response.statusCode() != 200) {
      return Optional.empty(); // the demo has not created its product yet
    }
    List<Map<String, Object>> rollouts = response.jsonPath().getList("$");
    return rollouts.stream()
        .filter(r -> version.equals(r.get("version")))
        .findFirst()
        .map(r -> Api.asOperator().get("/api/v1/rollouts/" + r.get("id")).jsonPath());
  }

  private static JsonPath earlyAccessFleet() {
    return Api.asOperator()
        .queryParam("productId", PRODUCT)
        .get("/api/v1/tenants/" + EARLY_ACCESS_TENANT + "/fleet")
        .jsonPath();
  }
}
