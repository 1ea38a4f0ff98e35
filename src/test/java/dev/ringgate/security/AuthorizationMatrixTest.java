package dev.ringgate.security;

import static dev.ringgate.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.support.Api;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of the operator and vendor API against every kind of caller: no credential, a
 * revoked key, the operator, the owning vendor, another vendor, a fleet admin and a device. A wrong
 * role is 403; another vendor's or tenant's resource is 404.
 */
@QuarkusTest
class AuthorizationMatrixTest {
  private static final AtomicInteger VERSIONS = new AtomicInteger();
  private static World world;

  /** The callers of the matrix. */
  enum Who {
    NOBODY,
    REVOKED,
    OPERATOR,
    OWN_VENDOR,
    OTHER_VENDOR,
    FLEET_ADMIN,
    DEVICE
  }

  /** Fixtures shared by all rows: created once, never changed by a row in a way others see. */
  record World(VendorSetup vendor, String otherVendorKey, String tenantId, Map<Who, String> keys) {
    static World create() {
      VendorSetup vendor = VendorSetup.agentVendor();
      String other = Api.newVendor();
      String otherKey = Api.vendorKey(other);
      String tenant = Api.newTenant();
      Map<String, String> revoked = Api.newKeyWithId("VENDOR", vendor.vendorId(), null);
      Api.asOperator().delete("/api/v1/api-keys/" + revoked.get("id")).then().statusCode(204);
      Map<Who, String> keys =
          Map.of(
              Who.REVOKED, revoked.get("key"),
              Who.OPERATOR, Api.OPERATOR_KEY,
              Who.OWN_VENDOR, vendor.key(),
              Who.OTHER_VENDOR, otherKey,
              Who.FLEET_ADMIN, Api.fleetAdminKey(tenant),
              Who.DEVICE, Api.deviceKey(tenant));
      return new World(vendor, otherKey, tenant, keys);
    }

    RequestSpecification request(Who who) {
      return who == Who.NOBODY
          ? RestAssured.given().contentType("application/json")
          : as(keys.get(who));
    }

    String product() {
      return vendor.productId();
    }

    String release() {
      return vendor.publish("9." + VERSIONS.incrementAndGet() + ".0");
    }

    String rollout() {
      return as(vendor.key())
          .get("/api/v1/releases/" + release())
          .then()
          .extract()
          .path("rolloutId");
    }
  }

  private record Row(
      String endpoint,
      BiFunction<World, RequestSpecification, Integer> call,
      Map<Who, Integer> expected) {}

  private static Map<Who, Integer> operatorOnly(int ok) {
    return Map.of(
        Who.OPERATOR, ok,
        Who.OWN_VENDOR, 403,
        Who.OTHER_VENDOR, 403,
        Who.FLEET_ADMIN, 403,
        Who.DEVICE, 403);
  }

  private static Map<Who, Integer> vendorWrite(int ok) {
    return Map.of(
        Who.OPERATOR, 403,
        Who.OWN_VENDOR, ok,
        Who.OTHER_VENDOR, 404,
        Who.FLEET_ADMIN, 403,
        Who.DEVICE, 403);
  }

  private static Map<Who, Integer> vendorRead() {
    return Map.of(
        Who.OPERATOR, 200,
        Who.OWN_VENDOR, 200,
        Who.OTHER_VENDOR, 404,
        Who.FLEET_ADMIN, 200,
        Who.DEVICE, 403);
  }

  private static List<Row> rows() {
    return List.of(
        new Row(
            "POST /vendors",
            (w, r) ->
                r.body(Map.of("id", Api.uniqueId("v"), "name", "V"))
                    .post("/api/v1/vendors")
                    .statusCode(),
            operatorOnly(201)),
        new Row("GET /vendors", (w, r) -> r.get("/api/v1/vendors").statusCode(), operatorOnly(200)),
        new Row(
            "POST /tenants",
            (w, r) ->
                r.body(Map.of("id", Api.uniqueId("t"), "name", "T"))
                    .post("/api/v1/tenants")
                    .statusCode(),
            operatorOnly(201)),
        new Row("GET /tenants", (w, r) -> r.get("/api/v1/tenants").statusCode(), operatorOnly(200)),
        new Row(
            "POST /api-keys",
            (w, r) ->
                r.body(Map.of("role", "FLEET_ADMIN", "tenantId", w.tenantId(), "label", "x"))
                    .post("/api/v1/api-keys")
                    .statusCode(),
            operatorOnly(201)),
        new Row(
            "GET /api-keys", (w, r) -> r.get("/api/v1/api-keys").statusCode(), operatorOnly(200)),
        new Row(
            "DELETE /api-keys/{id}",
            (w, r) ->
                r.delete(
                        "/api/v1/api-keys/"
                            + Api.newKeyWithId("FLEET_ADMIN", null, w.tenantId()).get("id"))
                    .statusCode(),
            operatorOnly(204)),
        new Row(
            "DELETE /devices/{id}",
            (w, r) -> {
              String device = Api.uniqueId("held");
              dev.ringgate.support.Devices.checkin(
                      w.keys().get(Who.DEVICE), device, w.product(), null)
                  .then()
                  .statusCode(200);
              return r.delete("/api/v1/devices/" + device).statusCode();
            },
            operatorOnly(204)),
        new Row("GET /audit", (w, r) -> r.get("/api/v1/audit").statusCode(), operatorOnly(200)),
        new Row(
            "GET /audit/verify",
            (w, r) -> r.get("/api/v1/audit/verify").statusCode(),
            operatorOnly(200)),
        new Row(
            "PUT /vendors/{id}/signing-keys/{key}",
            (w, r) ->
                r.body(
                        Map.of(
                            "algorithm",
                            "Ed25519",
                            "publicKey",
                            w.vendor().signer().publicKeyBase64()))
                    .put("/api/v1/vendors/" + w.vendor().vendorId() + "/signing-keys/rotated")
                    .statusCode(),
            vendorWrite(200)),
        new Row(
            "GET /vendors/{id}/signing-keys",
            (w, r) ->
                r.get("/api/v1/vendors/" + w.vendor().vendorId() + "/signing-keys").statusCode(),
            vendorWrite(200)),
        new Row(
            "POST /products",
            (w, r) ->
                r.body(Map.of("id", Api.uniqueId("p"), "name", "P", "kind", "AGENT"))
                    .post("/api/v1/products")
                    .statusCode(),
            Map.of(
                Who.OPERATOR,
                403,
                Who.OWN_VENDOR,
                201,
                Who.OTHER_VENDOR,
                201,
                Who.FLEET_ADMIN,
                403,
                Who.DEVICE,
                403)),
        new Row(
            "GET /products/{id}",
            (w, r) -> r.get("/api/v1/products/" + w.product()).statusCode(),
            vendorRead()),
        new Row(
            "PUT /products/{id}/ring-plan",
            (w, r) ->
                r.body(
                        Map.of(
                            "rings",
                            List.of(
                                Map.of(
                                    "name",
                                    "all",
                                    "shareBp",
                                    10000,
                                    "minBakeMinutes",
                                    0,
                                    "minDevices",
                                    0,
                                    "promotion",
                                    "AUTO",
                                    "gate",
                                    Map.of("alpha", 0.01, "maxRateRatio", 2.0)))))
                    .put("/api/v1/products/" + w.product() + "/ring-plan")
                    .statusCode(),
            vendorWrite(200)),
        new Row(
            "POST /products/{id}/releases",
            (w, r) ->
                r.body(w.vendor().release("8." + VERSIONS.incrementAndGet() + ".0").body())
                    .post("/api/v1/products/" + w.product() + "/releases")
                    .statusCode(),
            vendorWrite(201)),
        new Row(
            "GET /products/{id}/releases",
            (w, r) -> r.get("/api/v1/products/" + w.product() + "/releases").statusCode(),
            vendorRead()),
        new Row(
            "GET /releases/{id}",
            (w, r) -> r.get("/api/v1/releases/" + w.release()).statusCode(),
            vendorRead()),
        new Row(
            "POST /releases/{id}/revoke",
            (w, r) ->
                r.body(Map.of("reason", "test"))
                    .post("/api/v1/releases/" + w.release() + "/revoke")
                    .statusCode(),
            vendorWrite(200)),
        new Row(
            "GET /rollouts/{id}",
            (w, r) -> r.get("/api/v1/rollouts/" + w.rollout()).statusCode(),
            vendorRead()),
        new Row(
            "GET /rollouts/{id}/series",
            (w, r) -> r.get("/api/v1/rollouts/" + w.rollout() + "/series").statusCode(),
            vendorRead()),
        new Row(
            "GET /products/{id}/rollouts",
            (w, r) -> r.get("/api/v1/products/" + w.product() + "/rollouts").statusCode(),
            vendorRead()),
        new Row(
            "POST /telemetry",
            (w, r) ->
                r.body(
                        Map.of(
                            "events",
                            List.of(
                                Map.of(
                                    "deviceId", "matrix-device",
                                    "productId", w.product(),
                                    "version", "1.0.0",
                                    "type", "HEARTBEAT",
                                    "at", java.time.Instant.now().toString()))))
                    .post("/api/v1/telemetry")
                    .statusCode(),
            Map.of(
                Who.OPERATOR, 403,
                Who.OWN_VENDOR, 403,
                Who.OTHER_VENDOR, 403,
                Who.FLEET_ADMIN, 403,
                Who.DEVICE, 202)),
        new Row(
            "GET /tenants/{id}",
            (w, r) -> r.get("/api/v1/tenants/" + w.tenantId()).statusCode(),
            Map.of(
                Who.OPERATOR,
                200,
                Who.OWN_VENDOR,
                403,
                Who.OTHER_VENDOR,
                403,
                Who.FLEET_ADMIN,
                200,
                Who.DEVICE,
                403)));
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Row row : rows()) {
      for (Who who : Who.values()) {
        int expected =
            switch (who) {
              case NOBODY, REVOKED -> 401;
              default -> row.expected().get(who);
            };
        cases.add(Arguments.of(row.endpoint(), who, expected, row));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} as {1} -> {2}")
  @MethodSource("matrix")
  void eachCallerGetsExactlyWhatItsScopeAllows(String endpoint, Who who, int expected, Row row) {
    // Given
    if (world == null) {
      world = World.create();
    }

    // When
    int status = row.call().apply(world, world.request(who));

    // Then
    assertThat(status).as(endpoint + " as " + who).isEqualTo(expected);
  }
}
