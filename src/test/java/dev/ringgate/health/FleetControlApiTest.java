package dev.ringgate.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ringgate.support.CanaryFleet;
import dev.ringgate.support.Telemetry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The whole fleet as control (docs/halting.md): devices in rings the rollout has not reached are
 * the control of every ring reached, and with the gate's beta the view says how much exposure the
 * ring still needs.
 */
@QuarkusTest
class FleetControlApiTest {

  @Test
  void devicesOfRingsNotReachedAreTheCanarysControlAndSetTheExposureItNeeds() {
    // Given a 1 % canary whose gate asks for beta, 20 established devices in it and 30 in the
    // ring after it, all on 1.0.0
    CanaryFleet fleet = CanaryFleet.started();

    // When the later ring's devices check in (and stay), the canary installs, and one of the
    // later ring's devices crashes on 1.0.0
    fleet.laterStay();
    fleet.canaryInstalls("INSTALLED", "HEARTBEAT");
    Telemetry.batch()
        .add(fleet.later.get(0), fleet.product(), "1.0.0", "CRASH")
        .accepted(fleet.key);

    // Then the canary's evidence compares its devices with the fleet's: 30 control devices, one
    // crashed, though none of the canary's own devices was held back
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> fleet.view().getInt("rings[0].evidence.controlDevices") == 30);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> fleet.view().getInt("rings[0].evidence.controlCrashedDevices") == 1);
    JsonPath view = fleet.view();
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
