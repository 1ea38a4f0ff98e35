package dev.ringgate.checkin;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A STAY says, in words and as a stable code, which rule holds the device back. */
@QuarkusTest
class StayReasonApiTest {

  private static String url(String device, String product) {
    return "/api/v1/devices/" + device + "/updates/" + product;
  }

  /** Publishes a release needing agents [7.11,7.16) and completes its rollout. */
  private static VendorSetup contentForAgents711To716() {
    VendorSetup vendor = VendorSetup.withProduct("CONTENT");
    String rollout =
        Api.as(vendor.key())
            .body(vendor.release("7.11.2").requires("[7.11,7.16)").body())
            .post("/api/v1/products/" + vendor.productId() + "/releases")
            .then()
            .statusCode(201)
            .extract()
            .path("rolloutId");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    String state = "IN_PROGRESS";
    while (!state.equals("COMPLETED")) {
      state =
          vendor
              .act(rollout, "promote", Map.of("force", true))
              .statusCode(200)
              .extract()
              .path("state");
    }
    return vendor;
  }

  @Test
  void anAgentBelowTheReleasesRangeIsToldTheRangeInWords() {
    // Given a release for agents [7.11,7.16), everywhere
    VendorSetup vendor = contentForAgents711To716();
    String key = Api.deviceKey(Api.newTenant());

    // When a device whose agent is 7.10.0 checks in
    Devices.checkinRequest(key, null)
        .queryParam("agentVersion", "7.10.0")
        .get(url(Api.uniqueId("lab"), vendor.productId()))
        // Then
        .then()
        .statusCode(200)
        .body("action", equalTo("STAY"))
        .body("reasonCode", equalTo("AGENT_VERSION_OUT_OF_RANGE"))
        .body(
            "reason",
            equalTo(
                "Release 7.11.2 needs an agent version 7.11 or later and below 7.16"
                    + " ([7.11,7.16)); this device's agent is 7.10.0."));
  }

  @Test
  void aDeviceThatStatesNoAgentVersionIsToldToStateIt() {
    VendorSetup vendor = contentForAgents711To716();
    String key = Api.deviceKey(Api.newTenant());

    Devices.checkin(key, Api.uniqueId("lab"), vendor.productId(), null)
        .then()
        .statusCode(200)
        .body("action", equalTo("STAY"))
        .body("reasonCode", equalTo("AGENT_VERSION_MISSING"));
  }

  @Test
  void aNewerAgentInTheRangeIsOfferedTheRelease() {
    VendorSetup vendor = contentForAgents711To716();
    String key = Api.deviceKey(Api.newTenant());

    Devices.checkinRequest(key, null)
        .queryParam("agentVersion", "7.11.0")
        .get(url(Api.uniqueId("lab"), vendor.productId()))
        .then()
        .statusCode(200)
        .body("action", equalTo("INSTALL"))
        .body("reasonCode", equalTo("NEW_RELEASE"));
  }

  @Test
  void aReleaseWhoseRolloutHasNotStartedSaysSo() {
    // Given a published release whose rollout is PENDING
    VendorSetup vendor = VendorSetup.agentVendor();
    vendor.publishRollout("1.0.0");
    String key = Api.deviceKey(Api.newTenant());

    // When / Then
    Devices.checkin(key, Api.uniqueId("laptop"), vendor.productId(), null)
        .then()
        .statusCode(200)
        .body("action", equalTo("STAY"))
        .body("reasonCode", equalTo("ROLLOUT_NOT_STARTED"))
        .body("reason", equalTo("The rollout of release 1.0.0 has not started yet."));
  }

  @Test
  void theFleetsStopIsNamedOnAnAnswerThatWouldInstall() {
    // Given a completed release, and a tenant whose admins stopped updates
    VendorSetup vendor = VendorSetup.agentVendor();
    vendor.complete("1.0.0");
    String tenant = Api.newTenant();
    Api.as(Api.fleetAdminKey(tenant))
        .body(Map.of("reason", "incident"))
        .put("/api/v1/tenants/" + tenant + "/stop")
        .then()
        .statusCode(200);

    // When / Then
    Devices.checkin(Api.deviceKey(tenant), Api.uniqueId("laptop"), vendor.productId(), null)
        .then()
        .statusCode(200)
        .body("action", equalTo("STAY"))
        .body("reasonCode", equalTo("TENANT_STOPPED"));
  }

  @Test
  void anotherAgentVersionChangesTheETagBecauseTheWordsNameIt() {
    // Given the answer to a 7.10.0 agent
    VendorSetup vendor = contentForAgents711To716();
    String key = Api.deviceKey(Api.newTenant());
    String device = Api.uniqueId("lab");
    String etag =
        Devices.checkinRequest(key, null)
            .queryParam("agentVersion", "7.10.0")
            .get(url(device, vendor.productId()))
            .header("ETag");

    // When the same device asks with agent 7.9.0
    Devices.checkinRequest(key, null)
        .queryParam("agentVersion", "7.9.0")
        .header("If-None-Match", etag)
        .get(url(device, vendor.productId()))
        // Then the answer is sent again, naming 7.9.0
        .then()
        .statusCode(200)
        .header("ETag", not(equalTo(etag)))
        .body("reason", org.hamcrest.Matchers.endsWith("this device's agent is 7.9.0."));
  }
}
