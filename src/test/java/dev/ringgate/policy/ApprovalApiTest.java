package dev.ringgate.policy;

import static dev.ringgate.support.Devices.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The approval flow: appears, holds devices, approve offers, reject holds, a halt expires it. */
@QuarkusTest
class ApprovalApiTest {

  private record Fleet(
      VendorSetup vendor, String tenant, String admin, String deviceKey, String rollout) {}

  /** A tenant that requires approval, and a started rollout that everyone could get. */
  private static Fleet fleetRequiringApproval() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    String tenant = Api.newTenant();
    String admin = Api.fleetAdminKey(tenant);
    Api.as(admin)
        .body(Map.of("channel", "STAGED", "requireApproval", true))
        .put("/api/v1/tenants/" + tenant + "/policies/" + vendor.productId())
        .then()
        .statusCode(200);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    return new Fleet(vendor, tenant, admin, Api.deviceKey(tenant), rollout);
  }

  private static List<Map<String, Object>> approvals(Fleet fleet, String state) {
    return Api.as(fleet.admin())
        .queryParam("state", state)
        .get("/api/v1/tenants/" + fleet.tenant() + "/approvals")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("");
  }

  private static String pendingApproval(Fleet fleet) {
    await().atMost(Duration.ofSeconds(5)).until(() -> !approvals(fleet, "PENDING").isEmpty());
    return (String) approvals(fleet, "PENDING").get(0).get("id");
  }

  @Test
  void devicesAreHeldUntilTheReleaseIsApproved() {
    // Given: a check-in finds the release waiting for approval
    Fleet fleet = fleetRequiringApproval();
    Devices.checkin(fleet.deviceKey(), "icu-1", fleet.vendor().productId(), "1.0.0")
        .then()
        .statusCode(200)
        .body("action", equalTo("STAY"))
        .body("reason", org.hamcrest.Matchers.containsString("approval"));
    String approval = pendingApproval(fleet);
    assertThat(approvals(fleet, "PENDING").get(0))
        .containsEntry("version", "2.0.0")
        .containsEntry("rolloutId", fleet.rollout());

    // When
    Api.as(fleet.admin())
        .body(Map.of("reason", "tested in the lab"))
        .post("/api/v1/tenants/" + fleet.tenant() + "/approvals/" + approval + "/approve")
        .then()
        .statusCode(200)
        .body("state", equalTo("APPROVED"));

    // Then
    assertThat(action(fleet.deviceKey(), "icu-1", fleet.vendor().productId(), "1.0.0"))
        .isEqualTo("INSTALL");
  }

  @Test
  void aRejectedReleaseStaysHeldAndNeedsAReason() {
    Fleet fleet = fleetRequiringApproval();
    Devices.checkin(fleet.deviceKey(), "icu-2", fleet.vendor().productId(), "1.0.0")
        .then()
        .statusCode(200);
    String approval = pendingApproval(fleet);
    String url = "/api/v1/tenants/" + fleet.tenant() + "/approvals/" + approval;

    Api.as(fleet.admin())
        .post(url + "/reject")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("reason"));
    Api.as(fleet.admin())
        .body(Map.of("reason", "change freeze for the audit"))
        .post(url + "/reject")
        .then()
        .statusCode(200)
        .body("state", equalTo("REJECTED"));

    assertThat(action(fleet.deviceKey(), "icu-2", fleet.vendor().productId(), "1.0.0"))
        .isEqualTo("STAY");
    Api.as(fleet.admin()).post(url + "/approve").then().statusCode(409);
  }

  @Test
  void aHaltExpiresThePendingApproval() {
    Fleet fleet = fleetRequiringApproval();
    Devices.checkin(fleet.deviceKey(), "icu-3", fleet.vendor().productId(), "1.0.0")
        .then()
        .statusCode(200);
    String approval = pendingApproval(fleet);

    fleet.vendor().act(fleet.rollout(), "halt", Map.of("reason", "crashes")).statusCode(200);

    assertThat(approvals(fleet, "EXPIRED")).extracting(a -> a.get("id")).containsExactly(approval);
    Api.as(fleet.admin())
        .post("/api/v1/tenants/" + fleet.tenant() + "/approvals/" + approval + "/approve")
        .then()
        .statusCode(409);
  }

  @Test
  void anotherTenantsAdminNeitherSeesNorDecidesTheApproval() {
    Fleet fleet = fleetRequiringApproval();
    Devices.checkin(fleet.deviceKey(), "icu-4", fleet.vendor().productId(), "1.0.0")
        .then()
        .statusCode(200);
    String approval = pendingApproval(fleet);
    String other = Api.newTenant();
    String otherAdmin = Api.fleetAdminKey(other);

    Api.as(otherAdmin)
        .get("/api/v1/tenants/" + fleet.tenant() + "/approvals")
        .then()
        .statusCode(404);
    Api.as(otherAdmin)
        .post("/api/v1/tenants/" + fleet.tenant() + "/approvals/" + approval + "/approve")
        .then()
        .statusCode(404);
    Api.as(otherAdmin)
        .post("/api/v1/tenants/" + other + "/approvals/" + approval + "/approve")
        .then()
        .statusCode(404);
    Api.as(fleet.vendor().key())
        .post("/api/v1/tenants/" + fleet.tenant() + "/approvals/" + approval + "/approve")
        .then()
        .statusCode(403);
    Api.asOperator()
        .post("/api/v1/tenants/" + fleet.tenant() + "/approvals/" + approval + "/approve")
        .then()
        .statusCode(403);
    Api.asOperator().get("/api/v1/tenants/" + fleet.tenant() + "/approvals").then().statusCode(200);
    assertThat(approvals(fleet, "PENDING")).hasSize(1);
  }
}
