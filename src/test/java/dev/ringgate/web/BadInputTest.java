package dev.ringgate.web;

import static dev.ringgate.support.Api.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.ringgate.support.Api;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each class of bad input gets a clear problem and changes nothing. */
@QuarkusTest
class BadInputTest {

  @Test
  void malformedJsonIs400AndCreatesNothing() {
    // Given
    String id = Api.uniqueId("vendor");
    long auditBefore = Api.auditHead();

    // When
    asOperator()
        .body("{\"id\": \"" + id + "\", \"name\": ")
        .post("/api/v1/vendors")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://ringgate.dev/problems/malformed-json"));

    // Then
    asOperator().get("/api/v1/vendors/" + id).then().statusCode(404);
    assertThat(Api.auditHead()).isEqualTo(auditBefore);
  }

  @Test
  void unknownPropertyOnAConfigurationWriteIsNamed() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();

    // When / Then
    Api.as(vendor.key())
        .body(
            Map.of(
                "algorithm",
                "Ed25519",
                "publicKey",
                vendor.signer().publicKeyBase64(),
                "expires",
                "never"))
        .put("/api/v1/vendors/" + vendor.vendorId() + "/signing-keys/k2")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("expires"))
        .body("violations[0].message", equalTo("unknown property"));
  }

  @Test
  void missingBodyIs400() {
    asOperator()
        .post("/api/v1/vendors")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem("body"));
  }

  @Test
  void duplicateJsonKeysAreRefused() {
    asOperator()
        .body("{\"id\": \"dup-a\", \"id\": \"dup-b\", \"name\": \"x\"}")
        .post("/api/v1/vendors")
        .then()
        .statusCode(400);
    asOperator().get("/api/v1/vendors/dup-a").then().statusCode(404);
  }

  @Test
  void oversizedBodyIs413Problem() {
    // Given: a body above the 4 MiB limit
    String huge = "{\"id\": \"big\", \"name\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}";

    // When / Then
    asOperator()
        .body(huge)
        .post("/api/v1/vendors")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("status", equalTo(413));
  }

  @Test
  void wrongMediaTypeIs415Problem() {
    asOperator()
        .contentType("text/plain")
        .body("id=x")
        .post("/api/v1/vendors")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
  }

  @Test
  void idLongerThan128CharactersIsRefused() {
    asOperator()
        .body(Map.of("id", "a".repeat(129), "name", "Long"))
        .post("/api/v1/vendors")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("id"));
  }

  @Test
  void pageSizeOutOfRangeIsNamed() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Api.as(vendor.key())
        .queryParam("limit", 1001)
        .get("/api/v1/products/" + vendor.productId() + "/releases")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("limit"));
  }

  @Test
  void unknownRolloutStateFilterIsNamed() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Api.as(vendor.key())
        .queryParam("state", "RUNNING")
        .get("/api/v1/products/" + vendor.productId() + "/rollouts")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("state"));
  }

  @Test
  void unknownPathIs404Problem() {
    asOperator()
        .get("/api/v1/no-such-thing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
