package dev.ringgate.account;

import static dev.ringgate.support.Api.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.ringgate.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyApiTest {

  @Test
  void createdKeyIsShownOnceAndWorks() {
    // Given
    String vendor = Api.newVendor();

    // When
    Map<String, String> created = Api.newKeyWithId("VENDOR", vendor, null);

    // Then
    assertThat(created.get("key")).startsWith("rg_").hasSizeGreaterThanOrEqualTo(40);
    Api.as(created.get("key")).get("/api/v1/vendors/" + vendor).then().statusCode(200);
    asOperator()
        .get("/api/v1/api-keys")
        .then()
        .statusCode(200)
        .body("id", hasItem(created.get("id")))
        .body("key", everyItem(nullValue()));
  }

  @Test
  void revokedKeyStopsWorkingAtOnce() {
    // Given
    String vendor = Api.newVendor();
    Map<String, String> key = Api.newKeyWithId("VENDOR", vendor, null);
    Api.as(key.get("key")).get("/api/v1/vendors/" + vendor).then().statusCode(200);

    // When
    asOperator()
        .body(Map.of("reason", "laptop lost"))
        .delete("/api/v1/api-keys/" + key.get("id"))
        .then()
        .statusCode(204);

    // Then
    Api.as(key.get("key"))
        .get("/api/v1/vendors/" + vendor)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"));
  }

  @Test
  void vendorKeyWithoutVendorIsRefusedWithTheFieldNamed() {
    asOperator()
        .body(Map.of("role", "VENDOR", "label", "ci"))
        .post("/api/v1/api-keys")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("vendorId"));
  }

  @Test
  void deviceKeyWithVendorIsRefused() {
    // Given
    String vendor = Api.newVendor();
    String tenant = Api.newTenant();

    // When / Then
    asOperator()
        .body(Map.of("role", "DEVICE", "vendorId", vendor, "tenantId", tenant, "label", "x"))
        .post("/api/v1/api-keys")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("vendorId"));
  }

  @Test
  void keyForUnknownTenantIsRefused() {
    asOperator()
        .body(Map.of("role", "FLEET_ADMIN", "tenantId", "no-such-tenant", "label", "x"))
        .post("/api/v1/api-keys")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("tenantId"));
  }

  @Test
  void revokingAnUnknownKeyIs404() {
    asOperator().delete("/api/v1/api-keys/key_nothing").then().statusCode(404);
  }

  @Test
  void theLastOperatorKeyCannotBeRevoked() {
    // Given: every operator key but the bootstrap one is revoked
    java.util.List<String> others =
        asOperator()
            .get("/api/v1/api-keys")
            .then()
            .extract()
            .jsonPath()
            .getList(
                "findAll { it.role == 'OPERATOR' && it.revokedAt == null && it.id != '"
                    + SecurityBootstrap.OPERATOR_KEY_ID
                    + "' }.id",
                String.class);
    others.forEach(id -> asOperator().delete("/api/v1/api-keys/" + id).then().statusCode(204));

    // When / Then
    asOperator()
        .delete("/api/v1/api-keys/" + SecurityBootstrap.OPERATOR_KEY_ID)
        .then()
        .statusCode(409);
    asOperator().get("/api/v1/vendors").then().statusCode(200);
  }

  @Test
  void requestWithoutCredentialsIs401Problem() {
    io.restassured.RestAssured.given()
        .get("/api/v1/vendors")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("status", equalTo(401));
  }

  @Test
  void garbageBearerIs401() {
    Api.as("rg_not-a-real-key").get("/api/v1/vendors").then().statusCode(401);
  }

  @Test
  void revokingWithAPlainDeleteWithoutBodyWorks() {
    // Given
    Map<String, String> key = Api.newKeyWithId("FLEET_ADMIN", null, Api.newTenant());

    // When / Then: no Content-Type, no body, as curl -X DELETE sends it
    io.restassured.RestAssured.given()
        .header("Authorization", "Bearer " + Api.OPERATOR_KEY)
        .delete("/api/v1/api-keys/" + key.get("id"))
        .then()
        .statusCode(204);
    Api.as(key.get("key")).get("/api/v1/tenants").then().statusCode(401);
  }
}
