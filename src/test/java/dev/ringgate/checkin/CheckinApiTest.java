package dev.ringgate.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CheckinApiTest {

  private static String url(String device, String product) {
    return "/api/v1/devices/" + device + "/updates/" + product;
  }

  @Test
  void anUnchangedAnswerIs304() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    vendor.complete("1.0.0");
    String key = Api.deviceKey(Api.newTenant());
    Response first = Devices.checkin(key, "laptop-1", vendor.productId(), "1.0.0");
    String etag = first.header("ETag");

    // When / Then
    Devices.checkinRequest(key, "1.0.0")
        .header("If-None-Match", etag)
        .get(url("laptop-1", vendor.productId()))
        .then()
        .statusCode(304)
        .header("ETag", equalTo(etag));
  }

  @Test
  void anUnrelatedChangeStillGives304AndARelevantOneDoesNot() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    String key = Api.deviceKey(Api.newTenant());
    String etag = Devices.checkin(key, "laptop-2", vendor.productId(), "1.0.0").header("ETag");

    // When: another vendor publishes; then this product's 1.1.0 reaches everyone
    VendorSetup.agentVendor().complete("9.9.9");
    Devices.checkinRequest(key, "1.0.0")
        .header("If-None-Match", etag)
        .get(url("laptop-2", vendor.productId()))
        .then()
        .statusCode(304);
    vendor.complete("1.1.0");

    // Then
    Devices.checkinRequest(key, "1.0.0")
        .header("If-None-Match", etag)
        .get(url("laptop-2", vendor.productId()))
        .then()
        .statusCode(200)
        .body("action", equalTo("INSTALL"))
        .body("version", equalTo("1.1.0"));
  }

  @Test
  void anInstallCarriesTheArtifactAndTheVendorsSignatureAndAsksBackSooner() {
    VendorSetup vendor = VendorSetup.agentVendor();
    vendor.complete("1.0.0");
    String key = Api.deviceKey(Api.newTenant());

    Devices.checkin(key, "new-device", vendor.productId(), null)
        .then()
        .statusCode(200)
        .body("productId", equalTo(vendor.productId()))
        .body("action", equalTo("INSTALL"))
        .body("version", equalTo("1.0.0"))
        .body("releaseId", notNullValue())
        .body("platforms", org.hamcrest.Matchers.contains("windows-x64"))
        .body("artifact.url", notNullValue())
        .body("artifact.sizeBytes", equalTo(1048576))
        .body("signature.value", notNullValue())
        .body("reason", notNullValue())
        .body("pollAfterSeconds", lessThanOrEqualTo(66));
  }

  @Test
  void aStayCarriesTheCurrentVersionOrNull() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String key = Api.deviceKey(Api.newTenant());

    Devices.checkin(key, "fresh", vendor.productId(), null)
        .then()
        .statusCode(200)
        .body("action", equalTo("STAY"))
        .body("version", nullValue())
        .body("artifact", nullValue());
    Devices.checkin(key, "fresh", vendor.productId(), "0.9.0")
        .then()
        .statusCode(200)
        .body("version", equalTo("0.9.0"));
  }

  @Test
  void aDeviceIdOfAnotherTenantIs404() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String mine = Api.deviceKey(Api.newTenant());
    String theirs = Api.deviceKey(Api.newTenant());
    Devices.checkin(mine, "shared-name-1", vendor.productId(), null).then().statusCode(200);

    // When / Then
    Devices.checkin(theirs, "shared-name-1", vendor.productId(), null).then().statusCode(404);
    Devices.checkin(mine, "shared-name-1", vendor.productId(), null).then().statusCode(200);
  }

  @Test
  void onlyDeviceCredentialsCheckIn() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Devices.checkin(vendor.key(), "d1", vendor.productId(), null).then().statusCode(403);
    Devices.checkin(Api.fleetAdminKey(Api.newTenant()), "d1", vendor.productId(), null)
        .then()
        .statusCode(403);
    io.restassured.RestAssured.given().get(url("d1", vendor.productId())).then().statusCode(401);
  }

  @Test
  void anUnknownProductIs404() {
    Devices.checkin(Api.deviceKey(Api.newTenant()), "d1", "no-such-product", null)
        .then()
        .statusCode(404);
  }

  @Test
  void badCheckinParametersAreNamed() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String key = Api.deviceKey(Api.newTenant());

    Api.as(key)
        .queryParam("agentVersion", "seven")
        .get(url("d1", vendor.productId()))
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("agentVersion"));
    Api.as(key)
        .queryParam("groups", "lab,bad group")
        .get(url("d1", vendor.productId()))
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("groups"));
    Api.as(key)
        .get(url("bad%20id", vendor.productId()))
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("deviceId"));
  }

  @Test
  void aRevokedReleaseIsNeverServedAgain() {
    VendorSetup vendor = VendorSetup.agentVendor();
    vendor.complete("1.0.0");
    String rollout = vendor.complete("1.1.0");
    String release =
        Api.as(vendor.key()).get("/api/v1/rollouts/" + rollout).then().extract().path("releaseId");
    String key = Api.deviceKey(Api.newTenant());

    Api.as(vendor.key())
        .body(Map.of("reason", "bad build"))
        .post("/api/v1/releases/" + release + "/revoke")
        .then()
        .statusCode(200);

    assertThat(
            Devices.checkin(key, "n1", vendor.productId(), null)
                .then()
                .extract()
                .<String>path("version"))
        .isEqualTo("1.0.0");
    Devices.checkin(key, "n2", vendor.productId(), "1.1.0")
        .then()
        .body("action", equalTo("ROLLBACK"))
        .body("version", equalTo("1.0.0"));
  }

  @Test
  void anAgentCanVerifyTheSignatureFromTheAnswerAlone() throws Exception {
    // Given: a release that requires an agent range
    VendorSetup vendor = VendorSetup.agentVendor();
    dev.ringgate.support.Plans.rings(10_000).applyTo(vendor);
    String rollout =
        Api.as(vendor.key())
            .body(vendor.release("2.0.0").requires("[7.0,8.0)").body())
            .post("/api/v1/products/" + vendor.productId() + "/releases")
            .then()
            .statusCode(201)
            .extract()
            .path("rolloutId");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    String key = Api.deviceKey(Api.newTenant());

    // When
    io.restassured.path.json.JsonPath answer =
        Devices.checkinRequest(key, null)
            .queryParam("agentVersion", "7.4.0")
            .get(url("verifier", vendor.productId()))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    // Then: the signed object rebuilt from the answer verifies with the vendor's public key
    Map<String, Object> signed = new java.util.LinkedHashMap<>();
    signed.put("productId", answer.getString("productId"));
    signed.put("version", answer.getString("version"));
    signed.put("platforms", answer.getList("platforms"));
    signed.put("requires", answer.getMap("requires"));
    signed.put("artifact", answer.getMap("artifact"));
    byte[] canonical =
        new org.erdtman.jcs.JsonCanonicalizer(
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(signed))
            .getEncodedUTF8();
    byte[] raw = java.util.Base64.getDecoder().decode(vendor.signer().publicKeyBase64());
    byte[] signature = java.util.Base64.getDecoder().decode(answer.getString("signature.value"));
    org.assertj.core.api.Assertions.assertThat(
            dev.ringgate.release.domain.Ed25519.verify(raw, canonical, signature))
        .isTrue();
  }
}
