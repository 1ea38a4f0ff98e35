package dev.ringgate.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Calls the API as its users do: an operator with the test operator key, and vendors, fleet admins
 * and devices with keys the operator creates. Every fixture gets fresh random ids, so tests never
 * see each other's data.
 */
public final class Api {
  /** The operator key configured for the test profile. */
  public static final String OPERATOR_KEY = "test-operator-key-0123456789abcdefghijklmnop";

  private Api() {}

  public static RequestSpecification as(String key) {
    return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key);
  }

  public static RequestSpecification asOperator() {
    return as(OPERATOR_KEY);
  }

  /** A fresh id with a readable prefix. */
  public static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static String newVendor() {
    String id = uniqueId("vendor");
    asOperator()
        .body(Map.of("id", id, "name", "Vendor " + id))
        .post("/api/v1/vendors")
        .then()
        .statusCode(201);
    return id;
  }

  public static String newTenant() {
    String id = uniqueId("tenant");
    asOperator()
        .body(Map.of("id", id, "name", "Tenant " + id))
        .post("/api/v1/tenants")
        .then()
        .statusCode(201);
    return id;
  }

  /** Creates an API key and returns its secret. */
  public static String newKey(String role, String vendorId, String tenantId) {
    return newKeyWithId(role, vendorId, tenantId).get("key");
  }

  /** Creates an API key and returns {@code {id, key}}. */
  public static Map<String, String> newKeyWithId(String role, String vendorId, String tenantId) {
    Map<String, Object> body = new HashMap<>();
    body.put("role", role);
    body.put("label", "test " + role);
    if (vendorId != null) {
      body.put("vendorId", vendorId);
    }
    if (tenantId != null) {
      body.put("tenantId", tenantId);
    }
    var response =
        asOperator().body(body).post("/api/v1/api-keys").then().statusCode(201).extract().path("");
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) response;
    return Map.of("id", (String) map.get("id"), "key", (String) map.get("key"));
  }

  public static String vendorKey(String vendorId) {
    return newKey("VENDOR", vendorId, null);
  }

  public static String fleetAdminKey(String tenantId) {
    return newKey("FLEET_ADMIN", null, tenantId);
  }

  public static String deviceKey(String tenantId) {
    return newKey("DEVICE", null, tenantId);
  }

  /** Creates a product of the vendor behind {@code vendorKey}; returns its id. */
  public static String newProduct(String vendorKey, String kind) {
    String id = uniqueId("product");
    as(vendorKey)
        .body(Map.of("id", id, "name", "Product " + id, "kind", kind))
        .post("/api/v1/products")
        .then()
        .statusCode(201);
    return id;
  }

  /** The audit chain's last sequence number, to check that a refused write recorded nothing. */
  public static long auditHead() {
    return asOperator()
        .get("/api/v1/audit/head")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("seq");
  }
}
