package dev.ringgate.policy;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FleetViewApiTest {

  @Test
  void theFleetViewCountsTheTenantsDevicesByVersionAndAnswer() {
    // Given: three devices of the tenant, one of another tenant
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("2.0.0");
    String tenant = Api.newTenant();
    String key = Api.deviceKey(tenant);
    Devices.checkin(key, "pc-1", vendor.productId(), "2.0.0").then().statusCode(200);
    Devices.checkin(key, "pc-2", vendor.productId(), "2.0.0").then().statusCode(200);
    Devices.checkin(key, "pc-3", vendor.productId(), "1.0.0").then().statusCode(200);
    Devices.checkin(Api.deviceKey(Api.newTenant()), "other-1", vendor.productId(), "1.0.0")
        .then()
        .statusCode(200);
    String url = "/api/v1/tenants/" + tenant + "/fleet?productId=" + vendor.productId();
    String admin = Api.fleetAdminKey(tenant);

    // When / Then (written behind within the flush interval)
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Api.as(admin).get(url).then().extract().<Integer>path("devices") == 3);
    Api.as(admin)
        .get(url)
        .then()
        .statusCode(200)
        .body("byVersion.'2.0.0'", equalTo(2))
        .body("byVersion.'1.0.0'", equalTo(1))
        .body("byAction.INSTALL", equalTo(1))
        .body("byAction.STAY", equalTo(2))
        .body("pendingApprovals", equalTo(0))
        .body("stopped", equalTo(false));
  }

  @Test
  void afterARollbackTheFleetViewShowsWhatDevicesAreToldNowNotTheirStaleAnswer() {
    // Given 1.0.0 everywhere and 2.0.0 reaching everyone: one device installed it, one was told to
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", java.util.Map.of()).statusCode(200);
    String tenant = Api.newTenant();
    String key = Api.deviceKey(tenant);
    String installed = Api.uniqueId("pc");
    String told = Api.uniqueId("pc");
    Devices.checkin(key, installed, vendor.productId(), "2.0.0").then().statusCode(200);
    Devices.checkin(key, told, vendor.productId(), "1.0.0")
        .then()
        .body("action", equalTo("INSTALL"));
    String url = "/api/v1/tenants/" + tenant + "/fleet?productId=" + vendor.productId();
    String admin = Api.fleetAdminKey(tenant);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Api.as(admin).get(url).then().extract().<Integer>path("devices") == 2);

    // When the vendor rolls 2.0.0 back, before either device checks in again
    vendor.act(rollout, "rollback", java.util.Map.of("reason", "crashes")).statusCode(200);

    // Then the device on 2.0.0 is told ROLLBACK, the one told to install it STAY
    Api.as(admin)
        .get(url)
        .then()
        .statusCode(200)
        .body("byAction.ROLLBACK", equalTo(1))
        .body("byAction.STAY", equalTo(1))
        .body("byAction.INSTALL", org.hamcrest.Matchers.nullValue());
  }

  @Test
  void onlyTheTenantsAdminsAndOperatorsSeeItsFleet() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String tenant = Api.newTenant();
    String url = "/api/v1/tenants/" + tenant + "/fleet?productId=" + vendor.productId();

    Api.as(Api.fleetAdminKey(Api.newTenant())).get(url).then().statusCode(404);
    Api.as(vendor.key()).get(url).then().statusCode(403);
    Api.as(Api.deviceKey(tenant)).get(url).then().statusCode(403);
    Api.asOperator().get(url).then().statusCode(200);
    Api.as(Api.fleetAdminKey(tenant))
        .get("/api/v1/tenants/" + tenant + "/fleet")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("productId"));
  }
}
