package dev.ringgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.ringgate.support.Api;
import dev.ringgate.support.CanaryFleet;
import dev.ringgate.support.Plans;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GET /rollouts/{id}/series: one ring over time, with the gate's evidence against its threshold,
 * readable only by whoever may read the rollout.
 */
@QuarkusTest
class RingSeriesApiTest {

  @Test
  void aRingsSeriesShowsItsFailuresAndControlAndTheEvidenceRisingTowardsItsThreshold() {
    // Given a 1 % canary of 20 established devices and 30 in the ring after it, all on 1.0.0
    CanaryFleet fleet = CanaryFleet.started();
    VendorSetup vendor = fleet.vendor;
    String rollout = fleet.rollout;
    String key = fleet.key;

    // When the later ring stays on 1.0.0 (the control), the canary installs 2.0.0, two canary
    // devices crash and one control device does
    fleet.laterStay();
    fleet.canaryInstalls("INSTALLED");
    Telemetry.batch()
        .add(fleet.canary.get(0), vendor.productId(), "2.0.0", "CRASH")
        .add(fleet.canary.get(1), vendor.productId(), "2.0.0", "CRASH")
        .accepted(key);
    Telemetry.batch().add(fleet.later.get(0), vendor.productId(), "1.0.0", "CRASH").accepted(key);

    // Then the canary's series starts at its start with nothing exposed and ends now with the
    // figures the gate weighs, and evidence above zero, below the threshold log(1/alpha)
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              JsonPath s = series(vendor.key(), rollout, "?ring=0");
              return s.getInt("points[-1].failed") == 2
                  && s.getInt("points[-1].controlFailed") == 1;
            });
    JsonPath series = series(vendor.key(), rollout, "?ring=0");
    assertThat(series.getInt("ringIndex")).isZero();
    assertThat(series.getString("ringName")).isEqualTo("ring0");
    assertThat(series.getDouble("threshold")).isCloseTo(Math.log(100), within(1e-5));
    assertThat(series.getInt("points[0].exposed")).isZero();
    assertThat(series.getDouble("points[0].logEvidence")).isZero();
    assertThat(series.getInt("points[-1].exposed")).isEqualTo(20);
    assertThat(series.getInt("points[-1].control")).isEqualTo(30);
    assertThat(series.getDouble("points[-1].logEvidence"))
        .isGreaterThan(0)
        .isLessThan(series.getDouble("threshold"));
    // the current ring by default; a ring not started has no points yet
    assertThat(series(vendor.key(), rollout, "").getInt("ringIndex")).isZero();
    assertThat(series(vendor.key(), rollout, "?ring=1").getList("points")).isEmpty();
  }

  @Test
  void anotherVendorGetsNotFoundAndABadRingIsRefusedNamingTheField() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(100, 10_000).applyTo(vendor);
    String rollout = vendor.publishRollout("1.0.0");
    VendorSetup other = VendorSetup.agentVendor();

    Api.as(other.key()).get("/api/v1/rollouts/" + rollout + "/series").then().statusCode(404);
    Api.as(other.key())
        .get("/api/v1/rollouts/" + rollout + "/series?ring=0")
        .then()
        .statusCode(404);
    for (String ring : List.of("2", "-1", "first")) {
      Api.as(vendor.key())
          .get("/api/v1/rollouts/" + rollout + "/series?ring=" + ring)
          .then()
          .statusCode(400)
          .body("violations.field", hasItem("ring"));
    }
    Api.as(vendor.key()).get("/api/v1/rollouts/" + rollout + "/series").then().statusCode(200);
  }

  private static JsonPath series(String key, String rollout, String query) {
    return Api.as(key)
        .get("/api/v1/rollouts/" + rollout + "/series" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static org.assertj.core.data.Offset<Double> within(double value) {
    return org.assertj.core.data.Offset.offset(value);
  }
}
