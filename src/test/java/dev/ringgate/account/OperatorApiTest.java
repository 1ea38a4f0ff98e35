package dev.ringgate.account;

import static dev.ringgate.support.Api.asOperator;
import static dev.ringgate.support.Api.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.ringgate.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperatorApiTest {

  @Test
  void operatorCreatesVendorAndItIsListed() {
    // Given
    String id = uniqueId("vendor");

    // When
    asOperator()
        .body(Map.of("id", id, "name", "Acme Security"))
        .post("/api/v1/vendors")
        .then()
        .statusCode(201)
        .body("id", equalTo(id))
        .body("name", equalTo("Acme Security"))
        .body("createdAt", notNullValue());

    // Then
    asOperator().get("/api/v1/vendors").then().statusCode(200).body("id", hasItem(id));
  }

  @Test
  void operatorCreatesTenantAndReadsItBack() {
    // Given
    String id = uniqueId("tenant");

    // When
    asOperator()
        .body(Map.of("id", id, "name", "Hospital Group"))
        .post("/api/v1/tenants")
        .then()
        .statusCode(201);

    // Then
    asOperator()
        .get("/api/v1/tenants/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Hospital Group"));
  }

  @Test
  void creatingAVendorTwiceIsAConflict() {
    // Given
    String id = Api.newVendor();

    // When / Then
    asOperator()
        .body(Map.of("id", id, "name", "Again"))
        .post("/api/v1/vendors")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("https://ringgate.dev/problems/already-exists"));
  }

  @Test
  void unknownTenantIs404() {
    asOperator()
        .get("/api/v1/tenants/" + uniqueId("nobody"))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void fleetAdminReadsItsOwnTenantButNotAnother() {
    // Given
    String own = Api.newTenant();
    String other = Api.newTenant();
    String key = Api.fleetAdminKey(own);

    // When / Then
    Api.as(key).get("/api/v1/tenants/" + own).then().statusCode(200);
    Api.as(key).get("/api/v1/tenants/" + other).then().statusCode(404);
  }

  @Test
  void vendorsArePagedNewestFirst() {
    // Given
    String first = Api.newVendor();
    String second = Api.newVendor();
    String third = Api.newVendor();

    // When / Then
    java.util.List<String> page =
        asOperator()
            .queryParam("limit", 2)
            .get("/api/v1/vendors")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("id", String.class);
    org.assertj.core.api.Assertions.assertThat(page).containsExactly(third, second);
    asOperator()
        .queryParam("before", second)
        .queryParam("limit", 1)
        .get("/api/v1/vendors")
        .then()
        .body("id", org.hamcrest.Matchers.contains(first));
  }
}
