package dev.ringgate.checkin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The device registry is bounded: per tenant (a tenant over its quota is refused new devices, the
 * others are not), and in all (past its size, new devices are refused, known ones served). The
 * tests share one small registry and run in order, the one that fills it last.
 */
@QuarkusTest
@TestProfile(RegistryBoundTest.SmallRegistry.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryBoundTest {
  static final String BIG_TENANT = "quota-big";

  /** A registry of thirteen devices, three per tenant, five for {@link #BIG_TENANT}. */
  public static class SmallRegistry implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ringgate.checkin.max-devices",
          "13",
          "ringgate.checkin.tenant-quota",
          "3",
          "ringgate.checkin.tenant-quotas.\"" + BIG_TENANT + "\"",
          "5");
    }
  }

  private static Response checkin(String key, String deviceId, VendorSetup vendor) {
    return Devices.checkin(key, deviceId, vendor.productId(), null);
  }

  @Test
  @Order(1)
  void aTenantOverItsQuotaIsRefusedNewDevicesWhileOtherTenantsRegisterTheirs() {
    // Given: tenant A holds its quota of three devices
    VendorSetup vendor = VendorSetup.agentVendor();
    String flooder = Api.deviceKey(Api.newTenant());
    for (int i = 0; i < 3; i++) {
      checkin(flooder, "a-flood-" + i, vendor).then().statusCode(200);
    }

    // When
    Response refused = checkin(flooder, "a-flood-3", vendor);

    // Then: A is refused new ids, still served its known ones; tenant B registers its own
    refused
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .body("type", equalTo("https://ringgate.dev/problems/tenant-device-quota"));
    checkin(flooder, "a-flood-1", vendor).then().statusCode(200);
    checkin(Api.deviceKey(Api.newTenant()), "b-desk-0", vendor).then().statusCode(200);
  }

  @Test
  @Order(2)
  void aTenantWithItsOwnQuotaRegistersUpToIt() {
    // Given: a tenant whose quota is five
    VendorSetup vendor = VendorSetup.agentVendor();
    Api.asOperator()
        .body(Map.of("id", BIG_TENANT, "name", "Big"))
        .post("/api/v1/tenants")
        .then()
        .statusCode(201);
    String key = Api.deviceKey(BIG_TENANT);

    // When
    for (int i = 0; i < 5; i++) {
      checkin(key, "big-" + i, vendor).then().statusCode(200);
    }

    // Then
    checkin(key, "big-5", vendor).then().statusCode(429);
  }

  @Test
  @Order(3)
  void aReportFromANewDeviceOfATenantAtItsQuotaIsStoredButTheDeviceNotRegistered() {
    // Given: a tenant holding its quota of three devices
    VendorSetup vendor = VendorSetup.agentVendor();
    String key = Api.deviceKey(Api.newTenant());
    for (int i = 0; i < 3; i++) {
      checkin(key, "c-desk-" + i, vendor).then().statusCode(200);
    }

    // When
    Response report =
        dev.ringgate.support.Telemetry.batch()
            .add("c-desk-new", vendor.productId(), "1.0.0", "HEARTBEAT")
            .send(key);

    // Then
    report.then().statusCode(202).body("accepted", equalTo(1));
    checkin(key, "c-desk-new", vendor).then().statusCode(429);
  }

  @Test
  @Order(4)
  void aFullRegistryRefusesNewDevicesAndServesKnownOnes() {
    // Given: with this tenant's device, the registry holds its thirteen
    VendorSetup vendor = VendorSetup.agentVendor();
    String key = Api.deviceKey(Api.newTenant());
    checkin(key, "known-0", vendor).then().statusCode(200);

    // When
    Response refused = checkin(Api.deviceKey(Api.newTenant()), "newcomer", vendor);

    // Then
    refused
        .then()
        .statusCode(503)
        .header("Retry-After", equalTo("5"))
        .body("type", equalTo("https://ringgate.dev/problems/registry-full"));
    checkin(key, "known-0", vendor).then().statusCode(200);
  }

  @Test
  @Order(5)
  void aFullRegistryShowsInReadinessAndMetricsWhileTheInstanceStaysReady() {
    // Given: the registry filled by the tests before

    // When
    Response ready = given().get("/q/health/ready");

    // Then
    ready
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'device-registry' }.data.state", equalTo("full"))
        .body("checks.find { it.name == 'device-registry' }.data.capacity", equalTo(13));
    String metrics =
        given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("ringgate_registry_fill 1.0")
        .contains("ringgate_registry_capacity 13.0");
    ready.then().body("checks.name", hasItem("device-registry"));
    given().get("/q/health/ready").then().body(containsString("device-registry"));
  }
}
