package dev.ringgate.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A caller without credentials learns nothing about which paths and methods exist, and cannot fill
 * the metrics with paths of its own choosing.
 */
@QuarkusTest
class AuthenticationFirstTest {
  private static final Pattern VENDORS_GET_200 =
      Pattern.compile(
          "http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\"[^}]*"
              + "uri=\"/api/v1/vendors\"[^}]*} ([0-9.E]+)");

  @ParameterizedTest
  @CsvSource({
    "PATCH, /api/v1/products/junk-1",
    "DELETE, /api/v1/vendors",
    "GET, /api/v1/no-such-thing",
    "PUT, /api/v1/products/p/releases/1.0.0/nothing"
  })
  void everyApiRequestWithoutCredentialsIs401WhateverThePathAndMethod(String method, String path) {
    given()
        .request(method, path)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", equalTo("https://ringgate.dev/problems/unauthenticated"));
  }

  @Test
  void metricsAreTaggedWithTheRouteTemplateNeverWithARawPath() {
    // Given
    String junk = Api.uniqueId("junk");
    double vendorListsBefore = vendorListCount();

    // When: 120 made-up paths without credentials, then one real request
    for (int i = 1; i <= 120; i++) {
      given().request("PATCH", "/api/v1/products/" + junk + "-" + i).then().statusCode(401);
    }
    Api.asOperator().get("/api/v1/vendors").then().statusCode(200);

    // Then
    String metrics = metrics();
    assertThat(metrics).doesNotContain(junk);
    assertThat(vendorListCount()).isEqualTo(vendorListsBefore + 1);
  }

  private static String metrics() {
    return given()
        .accept("text/plain")
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  private static double vendorListCount() {
    Matcher m = VENDORS_GET_200.matcher(metrics());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
