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
 * No tenant can mask a bad release by raising the fleet control's baseline (docs/halting.md,
 * "Evidence no tenant can forge"): crashes its devices in the rings not reached report on the
 * previous version count at most at its share of the product's established devices, and a ring that
 * would halt without that tenant halts.
 */
@QuarkusTest
class FleetControlMaskApiTest {
  private static final String OLD = "1.0.0";
  private static final String NEW = "2.0.0";

  /** A started 1 % canary: t1 (the vendor's fleet) in the canary and after it, t2 after it. */
  private record Fleet(
      VendorSetup vendor,
      String rollout,
      String t1,
      String t2,
      List<String> canary,
      List<String> t1Later,
      List<String> t2Later) {

    static Fleet started(int minDevices, int canaryDevices, int t1Later, int t2Later) {
      VendorSetup vendor = VendorSetup.agentVendor();
      Plans.rings(10_000).applyTo(vendor);
      vendor.complete(OLD);
      Plans.rings(100, 10_000).auto().minDevices(minDevices).applyTo(vendor);
      String t1 = Api.deviceKey(Api.newTenant());
      String t2 = Api.deviceKey(Api.newTenant());
      String product = vendor.productId();
      List<String> canary = Devices.manyInBasisPoints(product, 0, 100, canaryDevices);
      List<String> later = Devices.manyInBasisPoints(product, 100, 10_000, t1Later + t2Later);
      Devices.established(t1, product, OLD, canary);
      Devices.established(t1, product, OLD, later.subList(0, t1Later));
      Devices.established(t2, product, OLD, later.subList(t1Later, later.size()));
      String rollout = vendor.publishRollout(NEW);
      vendor.act(rollout, "start", Map.of()).statusCode(200);
      return new Fleet(
          vendor,
          rollout,
          t1,
          t2,
          canary,
          later.subList(0, t1Later),
          later.subList(t1Later, later.size()));
    }

    JsonPath view() {
      return Api.as(vendor.key()).get("/api/v1/rollouts/" + rollout).then().extract().jsonPath();
    }

    /** The devices check in on the previous version (told to stay); {@code crashed} crash on it. */
    void controlChecksIn(String key, List<String> devices, int crashed) {
      Telemetry reports = Telemetry.batch();
      for (String device : devices) {
        assertThat(Devices.action(key, device, vendor.productId(), OLD)).isEqualTo("STAY");
      }
      Devices.settle();
      for (String device : devices.subList(0, crashed)) {
        reports.add(device, vendor.productId(), OLD, "CRASH");
      }
      if (crashed > 0) {
        reports.accepted(key);
      }
    }

    /** {@code installed} canary devices install the release and run; {@code crashed} then crash. */
    void canaryRuns(int installed, int crashed) {
      Telemetry booted = Telemetry.batch();
      for (String device : canary.subList(0, installed)) {
        assertThat(Devices.action(t1, device, vendor.productId(), OLD)).isEqualTo("INSTALL");
      }
      Devices.settle();
      for (String device : canary.subList(0, installed)) {
        booted.add(device, vendor.productId(), NEW, "INSTALLED");
        booted.add(device, vendor.productId(), NEW, "HEARTBEAT");
      }
      booted.accepted(t1);
      if (crashed == 0) {
        return;
      }
      await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
      Telemetry crashes = Telemetry.batch();
      for (String device : canary.subList(0, crashed)) {
        crashes.add(device, vendor.productId(), NEW, "CRASH");
      }
      crashes.accepted(t1);
    }

    /** Waits until the rollout is rolled back with no tenant halted alone; the halt's reason. */
    String awaitRolledBackForEveryone() {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> view().getString("state").equals("ROLLED_BACK"));
      JsonPath view = view();
      assertThat(view.getList("haltedTenants")).isEmpty();
      return view.getString("history[-1].reason");
    }

    /** Waits until the ring after the canary counts its devices on the previous version. */
    void awaitControl(long devices, long crashed) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> {
                JsonPath view = view();
                return view.getLong("rings[1].controlDevices") >= devices
                    && view.getLong("rings[1].controlCrashedDevices") >= crashed;
              });
    }
  }

  @Test
  void crashesOnThePreviousVersionFromOneMinorityTenantDoNotHideABadRelease() {
    // Given a canary that needs 30 devices; t1 has 30 established devices in it and 60 after it,
    // t2 has 40 after it (its fair share of the control: a minority)
    Fleet fleet = Fleet.started(30, 30, 60, 40);
    fleet.controlChecksIn(fleet.t1(), fleet.t1Later(), 0);

    // When all of t2's devices report a crash on 1.0.0, raising the control's baseline, and 9 of
    // 20 of t1's canary devices that installed 2.0.0 crash (45 %, below the fast path's half)
    fleet.controlChecksIn(fleet.t2(), fleet.t2Later(), fleet.t2Later().size());
    fleet.awaitControl(100, 40);
    fleet.canaryRuns(20, 9);

    // Then the release is rolled back for everyone: judged against the baseline without t2
    assertThat(fleet.awaitRolledBackForEveryone())
        .contains("the baseline without tenant ", "40 of 130 established control devices");
  }

  @Test
  void aTenantTheOnlyOneHeardFromInRingsNotReachedCountsAtItsShareOfTheProduct() {
    // Given a canary that needs 30 devices; t1 has 30 established devices in it and 10 after it,
    // t2 placed 30 after it: 3/7 of the product's established devices, but 3/4 of those after it
    Fleet fleet = Fleet.started(30, 30, 10, 30);

    // When only t2's devices check in after the start, all report a crash on 1.0.0, and 9 of 20
    // of t1's canary devices that installed 2.0.0 crash
    fleet.controlChecksIn(fleet.t2(), fleet.t2Later(), fleet.t2Later().size());
    fleet.awaitControl(30, 30);
    fleet.canaryRuns(20, 9);

    // Then the release is rolled back: t2's 30 devices weigh as 17 (3/7 of the 40 there), too few
    // to serve as a baseline (20 needed), so the canary is judged against the tolerated crash rate
    assertThat(fleet.awaitRolledBackForEveryone()).contains("no control group (17 devices");
  }

  @Test
  void aHealthyReleaseAgainstAHealthyFleetControlIsPromoted() {
    // Given a canary that needs 20 devices, with the same fleet as above; 2 of t2's devices crash
    // on 1.0.0 now and then, as old versions do
    Fleet fleet = Fleet.started(20, 30, 60, 40);
    fleet.controlChecksIn(fleet.t1(), fleet.t1Later(), 0);
    fleet.controlChecksIn(fleet.t2(), fleet.t2Later(), 2);
    fleet.awaitControl(100, 2);

    // When 20 canary devices install 2.0.0 and run
    fleet.canaryRuns(20, 0);

    // Then the canary passes and the rollout moves on to the next ring
    await().atMost(Duration.ofSeconds(15)).until(() -> fleet.view().getInt("ringIndex") == 1);
    JsonPath view = fleet.view();
    assertThat(view.getString("state")).isEqualTo("IN_PROGRESS");
    assertThat(view.getList("haltedTenants")).isEmpty();
  }
}
