package dev.ringgate.web;

import static dev.ringgate.support.Api.asOperator;
import static io.restassured.config.EncoderConfig.encoderConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A request body is JSON in UTF-8, declared as application/json, or it is refused with 415. */
@QuarkusTest
class JsonMediaTypeTest {
  /** Sends the Content-Type exactly as written, without a charset added by the client. */
  private static final RestAssuredConfig AS_WRITTEN =
      RestAssured.config()
          .encoderConfig(
              encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

  private static byte[] vendorBody(String id) {
    return ("{\"id\": \"" + id + "\", \"name\": \"Vendor\"}").getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json;charset=ISO-8859-1",
        "application/json-patch+json",
        "application/problem+json",
        "*/*",
        "application/json; version=2"
      })
  void aBodyThatIsNotDeclaredAsJsonInUtf8Is415AndCreatesNothing(String contentType) {
    // Given
    String id = Api.uniqueId("vendor");
    long auditBefore = Api.auditHead();

    // When
    asOperator()
        .config(AS_WRITTEN)
        .contentType(contentType)
        .body(vendorBody(id))
        .post("/api/v1/vendors")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("type", equalTo("https://ringgate.dev/problems/unsupported-media-type"));

    // Then
    asOperator().get("/api/v1/vendors/" + id).then().statusCode(404);
    assertThat(Api.auditHead()).isEqualTo(auditBefore);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=UTF-8",
        "Application/JSON;Charset=\"utf-8\""
      })
  void jsonInUtf8IsAcceptedWhateverTheCase(String contentType) {
    // Given
    String id = Api.uniqueId("vendor");

    // When / Then
    asOperator()
        .config(AS_WRITTEN)
        .contentType(contentType)
        .body(vendorBody(id))
        .post("/api/v1/vendors")
        .then()
        .statusCode(201);
  }
}
