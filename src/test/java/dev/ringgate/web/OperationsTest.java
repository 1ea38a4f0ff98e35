package dev.ringgate.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.ringgate.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Probes, metrics and the API description work without credentials. */
@QuarkusTest
class OperationsTest {

  @Test
  void livenessIsUp() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void readinessReportsTheStore() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.name", hasItem("store"))
        .body("checks.find { it.name == 'store' }.data.state", equalTo("available"));
  }

  @Test
  void metricsArePrometheusText() {
    Api.asOperator().get("/api/v1/vendors");
    given()
        .accept("text/plain")
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests_seconds_count"));
  }

  @Test
  void openApiDescribesTheReleaseApiWithBearerAuth() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(
            "paths.'/api/v1/products/{productId}/releases'.post.summary",
            equalTo("Publish a release"))
        .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
        .body("components.schemas.PublishReleaseRequest", notNullValue())
        .body("components.schemas.Problem", notNullValue());
  }
}
