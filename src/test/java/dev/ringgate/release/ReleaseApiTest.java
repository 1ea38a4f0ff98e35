package dev.ringgate.release;

import static dev.ringgate.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.ringgate.support.Api;
import dev.ringgate.support.ReleaseBuilder;
import dev.ringgate.support.Signer;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class ReleaseApiTest {

  private static ValidatableResponse publish(VendorSetup vendor, ReleaseBuilder release) {
    return as(vendor.key())
        .body(release.body())
        .post("/api/v1/products/" + vendor.productId() + "/releases")
        .then();
  }

  @Test
  void publishingCreatesTheReleaseWithAPendingRollout() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();

    // When
    String rolloutId =
        publish(vendor, vendor.release("7.11.2").requires("[7.0,8.0)").notes("Fixes"))
            .statusCode(201)
            .body("id", notNullValue())
            .body("version", equalTo("7.11.2"))
            .body("requires.agentVersion", equalTo("[7.0,8.0)"))
            .body("rolloutState", equalTo("PENDING"))
            .extract()
            .path("rolloutId");

    // Then
    as(vendor.key())
        .get("/api/v1/rollouts/" + rolloutId)
        .then()
        .statusCode(200)
        .body("state", equalTo("PENDING"))
        .body("version", equalTo("7.11.2"))
        .body("rings", hasSize(5))
        .body("rings[0].admittedBp", equalTo(0))
        .body("history[0].to", equalTo("PENDING"))
        .body("history[0].actor.type", equalTo("VENDOR"));
  }

  @Test
  void identicalRepublishAnswers200WithTheSameIds() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    ReleaseBuilder release = vendor.release("1.2.0");
    String id = publish(vendor, release).statusCode(201).extract().path("id");
    long auditBefore = Api.auditHead();

    // When / Then
    publish(vendor, release).statusCode(200).body("id", equalTo(id));
    assertThat(Api.auditHead()).isEqualTo(auditBefore);
  }

  @Test
  void republishingAVersionWithOtherContentIsAConflict() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    publish(vendor, vendor.release("1.2.0")).statusCode(201);

    // When / Then
    publish(vendor, vendor.release("1.2.0").sha256("b".repeat(64)))
        .statusCode(409)
        .contentType("application/problem+json");
  }

  @Test
  void aVersionEqualByPrecedenceIsTheSameVersion() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    publish(vendor, vendor.release("7.11")).statusCode(201);

    // When / Then: 7.11.0 is 7.11, with other content
    publish(vendor, vendor.release("7.11.0")).statusCode(409);
  }

  @Test
  void aSignatureByAnotherKeyIsRefusedAs422() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    Signer stranger = new Signer();

    // When / Then
    publish(vendor, vendor.release("2.0.0").signedBy(stranger, VendorSetup.KEY_ID))
        .statusCode(422)
        .body("type", equalTo("https://ringgate.dev/problems/bad-signature"));
  }

  @Test
  void aSignatureOverOtherContentIsRefusedAs422() {
    // Given: the vendor signed 2.0.0, but the body says 2.0.1
    VendorSetup vendor = VendorSetup.agentVendor();
    String signedFor200 = vendor.signer().sign(vendor.release("2.0.0").signedObject());

    // When / Then
    publish(vendor, vendor.release("2.0.1").signature(signedFor200)).statusCode(422);
  }

  @Test
  void anUnknownSigningKeyIsRefusedAs422() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();

    // When / Then
    publish(vendor, vendor.release("2.0.0").signedBy(vendor.signer(), "not-registered"))
        .statusCode(422)
        .body("type", equalTo("https://ringgate.dev/problems/unknown-signing-key"));
  }

  @Test
  void anotherVendorsSigningKeyIsUnknown() {
    // Given: another vendor registered a key under the same id
    VendorSetup vendor = VendorSetup.agentVendor();
    VendorSetup other = VendorSetup.agentVendor();

    // When / Then: signed with the other vendor's key, which has the same key id
    publish(vendor, vendor.release("2.0.0").signedBy(other.signer(), VendorSetup.KEY_ID))
        .statusCode(422);
  }

  @Test
  void sequenceVersionedContentAcceptsIntegersOnly() {
    // Given
    String vendorId = Api.newVendor();
    String key = Api.vendorKey(vendorId);
    Signer signer = new Signer().registerAs(key, vendorId, VendorSetup.KEY_ID);
    String productId = Api.uniqueId("channel-files");
    as(key)
        .body(
            Map.of(
                "id",
                productId,
                "name",
                "Channel files",
                "kind",
                "CONTENT",
                "versioning",
                "SEQUENCE"))
        .post("/api/v1/products")
        .then()
        .statusCode(201);
    VendorSetup vendor = new VendorSetup(vendorId, key, signer, productId);

    // When / Then
    publish(vendor, vendor.release("291").requires("[7.11,)")).statusCode(201);
    publish(vendor, vendor.release("2.9.1"))
        .statusCode(400)
        .body("violations[0].field", equalTo("version"));
  }

  @Test
  void releasesAreListedNewestFirstAndPaged() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String first = vendor.publish("1.0.0");
    String second = vendor.publish("1.1.0");
    String third = vendor.publish("1.2.0");

    // When / Then
    as(vendor.key())
        .get("/api/v1/products/" + vendor.productId() + "/releases")
        .then()
        .statusCode(200)
        .body("id", contains(third, second, first));
    as(vendor.key())
        .queryParam("before", third)
        .queryParam("limit", 1)
        .get("/api/v1/products/" + vendor.productId() + "/releases")
        .then()
        .body("id", contains(second));
  }

  @Test
  void revokingMarksTheReleaseAndIsAudited() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String id = vendor.publish("3.0.0");
    String before = java.time.Instant.now().minusSeconds(1).toString();

    // When
    as(vendor.key())
        .body(Map.of("reason", "crashes on boot"))
        .post("/api/v1/releases/" + id + "/revoke")
        .then()
        .statusCode(200)
        .body("revoked", equalTo(true))
        .body("revokeReason", equalTo("crashes on boot"));

    // Then
    String audit =
        Api.asOperator()
            .queryParam("since", before)
            .get("/api/v1/audit")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(audit).contains("\"action\":\"RELEASE_REVOKED\"").contains(id);
  }

  @Test
  void revokeNeedsAReason() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String id = vendor.publish("3.0.0");

    // When / Then
    as(vendor.key())
        .body(Map.of())
        .post("/api/v1/releases/" + id + "/revoke")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("reason"));
  }

  static List<Object[]> invalidReleases() {
    return List.of(
        new Object[] {"not a version", (Edit) r -> r.version("v1.2"), "version"},
        new Object[] {
          "version over 64 characters", (Edit) r -> r.version("1.0.0-" + "a".repeat(60)), "version"
        },
        new Object[] {"short sha256", (Edit) r -> r.sha256("abc"), "artifact.sha256"},
        new Object[] {"upper-case sha256", (Edit) r -> r.sha256("A".repeat(64)), "artifact.sha256"},
        new Object[] {"relative url", (Edit) r -> r.url("/downloads/x.msi"), "artifact.url"},
        new Object[] {"ftp url", (Edit) r -> r.url("ftp://example.com/x.msi"), "artifact.url"},
        new Object[] {
          "malformed range", (Edit) r -> r.requires("7.11-7.16"), "requires.agentVersion"
        },
        new Object[] {
          "inverted range", (Edit) r -> r.requires("[8.0,7.0)"), "requires.agentVersion"
        },
        new Object[] {"no platforms", (Edit) r -> r.platforms(), "platforms"},
        new Object[] {"platform twice", (Edit) r -> r.platforms("linux", "linux"), "platforms"},
        new Object[] {"bad platform id", (Edit) r -> r.platforms("win 64"), "platforms[0]"},
        new Object[] {"signature not base64", (Edit) r -> r.signature("@@@"), "signature.value"},
        new Object[] {
          "signature without padding",
          (Edit)
              r -> r.signature(Base64.getEncoder().withoutPadding().encodeToString(new byte[64])),
          "signature.value"
        },
        new Object[] {
          "signature of 32 bytes",
          (Edit) r -> r.signature(Base64.getEncoder().encodeToString(new byte[32])),
          "signature.value"
        });
  }

  /** One change that breaks a release body. */
  interface Edit {
    void apply(ReleaseBuilder release);
  }

  @ParameterizedTest(name = "{0} is refused, naming {2}")
  @MethodSource("invalidReleases")
  void invalidReleaseIsRefusedWithTheFieldNamedAndNothingStored(
      String name, Edit edit, String field) {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    ReleaseBuilder release = vendor.release("4.0.0");
    edit.apply(release);
    long auditBefore = Api.auditHead();

    // When / Then
    publish(vendor, release)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem(field));
    as(vendor.key())
        .get("/api/v1/products/" + vendor.productId() + "/releases")
        .then()
        .body("", hasSize(0));
    assertThat(Api.auditHead()).isEqualTo(auditBefore);
  }

  /** Stands for the lone surrogate in a body until the body's bytes are written. */
  private static final String MARK = "LONE-SURROGATE";

  static List<Object[]> stringsWithAnUnpairedSurrogate() {
    List<Object[]> fields =
        List.of(
            new Object[] {"artifact.url", (Edit) r -> r.url("https://dl.example.com/a" + MARK)},
            new Object[] {"version", (Edit) r -> r.version("4.0.0-rc" + MARK)},
            new Object[] {"platforms[0]", (Edit) r -> r.platforms("linux" + MARK)},
            new Object[] {"requires.agentVersion", (Edit) r -> r.requires("[7.0,8.0" + MARK + ")")},
            new Object[] {"notes", (Edit) r -> r.notes("Fixes " + MARK)});
    // (Sent as raw bytes, a surrogate is invalid UTF-8, which the JSON parser already refuses.)
    List<String> encodings = List.of("\\ud800", "\\udc00", "\\udfff\\ud800");
    List<Object[]> cases = new java.util.ArrayList<>();
    for (Object[] field : fields) {
      for (String encoding : encodings) {
        cases.add(new Object[] {field[0], field[1], encoding});
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} holding {2} is refused")
  @MethodSource("stringsWithAnUnpairedSurrogate")
  void aStringWithAnUnpairedSurrogateIsRefusedNamingTheField(String field, Edit edit, String escape)
      throws Exception {
    // Given: RFC 8785 would canonicalize the lone surrogate to "?", so the signed URL (or
    // version, ...) would not be the one served
    VendorSetup vendor = VendorSetup.agentVendor();
    ReleaseBuilder release = vendor.release("4.0.0");
    edit.apply(release);
    byte[] json =
        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(release.body());
    byte[] body = withSurrogate(json, escape);
    long auditBefore = Api.auditHead();

    // When / Then
    as(vendor.key())
        .body(body)
        .post("/api/v1/products/" + vendor.productId() + "/releases")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", contains(field))
        .body("violations[0].message", containsString("unpaired surrogate"));
    as(vendor.key())
        .get("/api/v1/products/" + vendor.productId() + "/releases")
        .then()
        .body("", hasSize(0));
    assertThat(Api.auditHead()).isEqualTo(auditBefore);
  }

  /** {@code json} with {@link #MARK} replaced by a JSON escape such as {@code \\ud800}. */
  private static byte[] withSurrogate(byte[] json, String escape) {
    String text = new String(json, StandardCharsets.UTF_8);
    return text.replace(MARK, escape).getBytes(StandardCharsets.UTF_8);
  }
}
