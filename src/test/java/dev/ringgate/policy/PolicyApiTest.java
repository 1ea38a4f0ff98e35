package dev.ringgate.policy;

import static dev.ringgate.support.Devices.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class PolicyApiTest {

  private static String policyUrl(String tenant, String product) {
    return "/api/v1/tenants/" + tenant + "/policies/" + product;
  }

  private static Map<String, Object> policy(String channel) {
    Map<String, Object> body = new HashMap<>();
    body.put("channel", channel);
    body.put("requireApproval", false);
    return body;
  }

  @Test
  void aTenantWithoutPolicyIsStagedAndAPolicyReadsBack() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String tenant = Api.newTenant();
    String admin = Api.fleetAdminKey(tenant);
    Api.as(admin)
        .get(policyUrl(tenant, vendor.productId()))
        .then()
        .statusCode(200)
        .body("channel", equalTo("STAGED"))
        .body("isDefault", equalTo(true));
    Map<String, Object> body = policy("GENERAL");
    body.put(
        "maintenanceWindows",
        List.of(
            Map.of(
                "days",
                List.of("SAT", "SUN"),
                "start",
                "22:00",
                "end",
                "04:00",
                "zone",
                "Europe/Berlin")));
    body.put("groups", Map.of("icu", Map.of("earliestRing", "general", "requireApproval", true)));

    // When
    Api.as(admin).body(body).put(policyUrl(tenant, vendor.productId())).then().statusCode(200);

    // Then
    Api.as(admin)
        .get(policyUrl(tenant, vendor.productId()))
        .then()
        .statusCode(200)
        .body("channel", equalTo("GENERAL"))
        .body("isDefault", equalTo(false))
        .body("maintenanceWindows[0].zone", equalTo("Europe/Berlin"))
        .body("groups.icu.earliestRing", equalTo("general"));
    Api.as(admin).get("/api/v1/tenants/" + tenant).then().statusCode(200);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "+999999999-12-31T23:59:59Z",
        "-999999999-01-01T00:00:00Z",
        "1999-12-31T23:59:59Z"
      })
  void aFreezeUntilOutsideTheYears2000To9999IsRefusedNamingTheField(String freezeUntil) {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String tenant = Api.newTenant();
    String admin = Api.fleetAdminKey(tenant);
    Map<String, Object> body = policy("GENERAL");
    body.put("freezeUntil", freezeUntil);

    // When
    Api.as(admin)
        .body(body)
        .put(policyUrl(tenant, vendor.productId()))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem("freezeUntil"));

    // Then: nothing was stored
    Api.as(admin)
        .get(policyUrl(tenant, vendor.productId()))
        .then()
        .statusCode(200)
        .body("isDefault", equalTo(true));
  }

  @Test
  void aGeneralTenantWaitsForTheFinalRing() {
    // Given: a rollout in its first ring of two, and a device in that ring
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(5_000, 10_000).applyTo(vendor);
    String tenant = Api.newTenant();
    String device = Devices.inBasisPoints(vendor.productId(), 0, 5_000);
    String key = Api.deviceKey(tenant);
    String rollout = vendor.publishRollout("1.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    assertThat(action(key, device, vendor.productId(), null)).isEqualTo("INSTALL");

    // When
    Api.as(Api.fleetAdminKey(tenant))
        .body(policy("GENERAL"))
        .put(policyUrl(tenant, vendor.productId()))
        .then()
        .statusCode(200);

    // Then
    assertThat(action(key, device, vendor.productId(), null)).isEqualTo("STAY");
    vendor.act(rollout, "promote", Map.of()).statusCode(200);
    assertThat(action(key, device, vendor.productId(), null)).isEqualTo("INSTALL");
  }

  @Test
  void theEmergencyStopHoldsNewVersionsAndLetsRollbacksFlow() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    String tenant = Api.newTenant();
    String admin = Api.fleetAdminKey(tenant);
    String key = Api.deviceKey(tenant);

    // When
    Api.as(admin)
        .body(Map.of("reason", "incident 4711"))
        .put("/api/v1/tenants/" + tenant + "/stop")
        .then()
        .statusCode(200)
        .body("stopped", equalTo(true));

    // Then
    Devices.checkin(key, "ward-1", vendor.productId(), "0.9.0")
        .then()
        .body("action", equalTo("STAY"));
    String bad = vendor.complete("1.1.0");
    vendor.act(bad, "rollback", Map.of()).statusCode(409);
    String release =
        Api.as(vendor.key()).get("/api/v1/rollouts/" + bad).then().extract().path("releaseId");
    Api.as(vendor.key())
        .body(Map.of("reason", "bad"))
        .post("/api/v1/releases/" + release + "/revoke")
        .then()
        .statusCode(200);
    Devices.checkin(key, "ward-2", vendor.productId(), "1.1.0")
        .then()
        .body("action", equalTo("ROLLBACK"));

    // When lifted
    Api.as(admin)
        .delete("/api/v1/tenants/" + tenant + "/stop")
        .then()
        .statusCode(200)
        .body("stopped", equalTo(false));
    Devices.checkin(key, "ward-1", vendor.productId(), "0.9.0")
        .then()
        .body("action", equalTo("INSTALL"));
  }

  @Test
  void aPinDownIsARollback() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    vendor.complete("2.0.0");
    String tenant = Api.newTenant();
    Map<String, Object> pin = policy("PINNED");
    pin.put("pinnedVersion", "1.0.0");

    Api.as(Api.fleetAdminKey(tenant))
        .body(pin)
        .put(policyUrl(tenant, vendor.productId()))
        .then()
        .statusCode(200);

    Devices.checkin(Api.deviceKey(tenant), "lab-9", vendor.productId(), "2.0.0")
        .then()
        .body("action", equalTo("ROLLBACK"))
        .body("version", equalTo("1.0.0"));
  }

  static List<Object[]> invalidPolicies() {
    return List.of(
        new Object[] {
          "pinned without a version",
          Map.of("channel", "PINNED", "requireApproval", false),
          400,
          "pinnedVersion"
        },
        new Object[] {
          "a version without the pinned channel",
          Map.of("channel", "STAGED", "requireApproval", false, "pinnedVersion", "1.0.0"),
          400,
          "pinnedVersion"
        },
        new Object[] {
          "an unknown channel",
          Map.of("channel", "SOMETIMES", "requireApproval", false),
          400,
          "channel"
        },
        new Object[] {
          "a missing requireApproval", Map.of("channel", "STAGED"), 400, "requireApproval"
        },
        new Object[] {
          "an unknown time zone",
          Map.of(
              "channel",
              "STAGED",
              "requireApproval",
              false,
              "maintenanceWindows",
              List.of(
                  Map.of(
                      "days",
                      List.of("MON"),
                      "start",
                      "22:00",
                      "end",
                      "04:00",
                      "zone",
                      "Mars/Olympus"))),
          400,
          "maintenanceWindows[0].zone"
        },
        new Object[] {
          "a time that is not HH:mm",
          Map.of(
              "channel",
              "STAGED",
              "requireApproval",
              false,
              "maintenanceWindows",
              List.of(
                  Map.of("days", List.of("MON"), "start", "25:00", "end", "04:00", "zone", "UTC"))),
          400,
          "maintenanceWindows[0].start"
        },
        new Object[] {
          "an empty window",
          Map.of(
              "channel",
              "STAGED",
              "requireApproval",
              false,
              "maintenanceWindows",
              List.of(
                  Map.of("days", List.of("MON"), "start", "04:00", "end", "04:00", "zone", "UTC"))),
          400,
          "maintenanceWindows[0].end"
        },
        new Object[] {
          "an unknown day",
          Map.of(
              "channel",
              "STAGED",
              "requireApproval",
              false,
              "maintenanceWindows",
              List.of(
                  Map.of(
                      "days", List.of("FUNDAY"), "start", "01:00", "end", "04:00", "zone", "UTC"))),
          400,
          "maintenanceWindows[0].days[0]"
        },
        new Object[] {
          "a ring the plan does not have",
          Map.of(
              "channel",
              "STAGED",
              "requireApproval",
              false,
              "groups",
              Map.of("icu", Map.of("earliestRing", "nowhere"))),
          400,
          "groups.icu.earliestRing"
        },
        new Object[] {
          "an unknown property",
          Map.of("channel", "STAGED", "requireApproval", false, "channnel", "GENERAL"),
          400,
          "channnel"
        },
        new Object[] {
          "a pin to an unknown version",
          Map.of("channel", "PINNED", "requireApproval", false, "pinnedVersion", "9.9.9"),
          422,
          null
        });
  }

  @ParameterizedTest(name = "{0} is refused with {2}")
  @MethodSource("invalidPolicies")
  void anInvalidPolicyIsRefusedAndChangesNothing(
      String name, Map<String, Object> body, int status, String field) {
    VendorSetup vendor = VendorSetup.agentVendor();
    String tenant = Api.newTenant();
    String admin = Api.fleetAdminKey(tenant);
    long auditBefore = Api.auditHead();

    var response =
        Api.as(admin)
            .body(body)
            .put(policyUrl(tenant, vendor.productId()))
            .then()
            .statusCode(status)
            .contentType("application/problem+json");
    if (field != null) {
      response.body("violations.field", hasItem(field));
    }
    Api.as(admin)
        .get(policyUrl(tenant, vendor.productId()))
        .then()
        .body("isDefault", equalTo(true));
    assertThat(Api.auditHead()).isEqualTo(auditBefore);
  }

  @Test
  void aPinToARevokedVersionIsRefused() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String release = vendor.publish("1.0.0");
    Api.as(vendor.key())
        .body(Map.of("reason", "bad"))
        .post("/api/v1/releases/" + release + "/revoke")
        .then()
        .statusCode(200);
    String tenant = Api.newTenant();
    Map<String, Object> pin = policy("PINNED");
    pin.put("pinnedVersion", "1.0.0");

    Api.as(Api.fleetAdminKey(tenant))
        .body(pin)
        .put(policyUrl(tenant, vendor.productId()))
        .then()
        .statusCode(422);
  }

  @Test
  void nobodyButTheTenantsAdminsChangesItsPolicyOrStopsItsFleet() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String tenant = Api.newTenant();
    String otherAdmin = Api.fleetAdminKey(Api.newTenant());
    String url = policyUrl(tenant, vendor.productId());

    Api.as(otherAdmin).get(url).then().statusCode(404);
    Api.as(otherAdmin).body(policy("GENERAL")).put(url).then().statusCode(404);
    Api.as(otherAdmin).put("/api/v1/tenants/" + tenant + "/stop").then().statusCode(404);
    Api.as(otherAdmin).delete("/api/v1/tenants/" + tenant + "/stop").then().statusCode(404);
    Api.as(vendor.key()).put("/api/v1/tenants/" + tenant + "/stop").then().statusCode(403);
    Api.asOperator().put("/api/v1/tenants/" + tenant + "/stop").then().statusCode(403);
    Api.as(vendor.key()).body(policy("GENERAL")).put(url).then().statusCode(403);
    Api.as(Api.deviceKey(tenant)).body(policy("GENERAL")).put(url).then().statusCode(403);
    Api.as(Api.deviceKey(tenant)).put("/api/v1/tenants/" + tenant + "/stop").then().statusCode(403);
    Api.asOperator().body(policy("GENERAL")).put(url).then().statusCode(403);
    Api.asOperator().get(url).then().statusCode(200);
    Api.as(Api.fleetAdminKey(tenant))
        .get(url)
        .then()
        .statusCode(200)
        .body("isDefault", equalTo(true))
        .body("stopped", equalTo(false));
  }
}
