package dev.ringgate.release;

import static dev.ringgate.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import dev.ringgate.support.Api;
import dev.ringgate.support.Signer;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Signing keys as a vendor registers them, and signatures as a vendor's CI sends them. */
@QuarkusTest
class SigningKeyApiTest {
  @Inject Store store;

  private static final String P_PLUS_ONE =
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f";

  private static ValidatableResponse putKey(VendorSetup vendor, String keyId, String publicKey) {
    return as(vendor.key())
        .body(Map.of("algorithm", "Ed25519", "publicKey", publicKey))
        .put("/api/v1/vendors/" + vendor.vendorId() + "/signing-keys/" + keyId)
        .then();
  }

  private static String base64(String hex) {
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
  }

  static List<Object[]> unacceptableKeys() {
    return List.of(
        new Object[] {"all zero (a point of order 4)", base64("00".repeat(32))},
        new Object[] {"the identity point", "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
        new Object[] {
          "a point of order 8",
          base64("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")
        },
        new Object[] {"y = 2, off the curve", base64("02" + "00".repeat(31))},
        new Object[] {"the identity encoded with y = p + 1", base64(P_PLUS_ONE)},
        new Object[] {"the identity with the sign bit set", base64("01" + "00".repeat(30) + "80")});
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("unacceptableKeys")
  void smallOrderOffCurveAndNonCanonicalKeysAreRefusedNamingPublicKey(String name, String key) {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    long auditBefore = Api.auditHead();

    // When / Then
    putKey(vendor, "weak", key)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations[0].field", equalTo("publicKey"))
        .body("violations[0].message", containsString("not an acceptable Ed25519 public key"));
    as(vendor.key())
        .get("/api/v1/vendors/" + vendor.vendorId() + "/signing-keys")
        .then()
        .body("keyId", equalTo(List.of(VendorSetup.KEY_ID)));
    assertThat(Api.auditHead()).isEqualTo(auditBefore);
  }

  @Test
  void theRfc8032Test1KeyIsAccepted() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();

    // When / Then
    putKey(
            vendor,
            "rfc",
            base64("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
        .statusCode(200)
        .body("keyId", equalTo("rfc"));
  }

  @Test
  void aSignatureWhoseSIsNotBelowTheGroupOrderIsRefusedAs422() {
    // Given: a valid signature with the group order L added to S
    VendorSetup vendor = VendorSetup.agentVendor();
    String valid = vendor.signer().sign(vendor.release("3.0.0").signedObject());
    String malleated = Signer.withOrderAddedToS(valid);

    // When / Then
    as(vendor.key())
        .body(vendor.release("3.0.0").signature(malleated).body())
        .post("/api/v1/products/" + vendor.productId() + "/releases")
        .then()
        .statusCode(422)
        .body("type", equalTo("https://ringgate.dev/problems/bad-signature"));
    as(vendor.key())
        .get("/api/v1/products/" + vendor.productId() + "/releases")
        .then()
        .body("", hasSize(0));
  }

  @Test
  void theIdentityKeysForgedSignatureIsRefusedEvenForAKeyStoredBeforeKeysWereChecked() {
    // Given: the identity key written straight into the store, as an older version accepted it
    VendorSetup vendor = VendorSetup.agentVendor();
    String identity = "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    store.inTransaction(
        c ->
            Sql.update(
                c,
                "UPDATE signing_keys SET public_key = ? WHERE vendor_id = ? AND key_id = ?",
                identity,
                vendor.vendorId(),
                VendorSetup.KEY_ID));
    // R = the identity's encoding, S = 0: "verifies" every message under the identity key
    byte[] forged = Arrays.copyOf(Base64.getDecoder().decode(identity), 64);
    String signature = Base64.getEncoder().encodeToString(forged);

    // When / Then
    for (String version : List.of("8.0.0", "8.0.1")) {
      as(vendor.key())
          .body(
              vendor
                  .release(version)
                  .url("https://evil.example/agent-" + version + ".msi")
                  .signature(signature)
                  .body())
          .post("/api/v1/products/" + vendor.productId() + "/releases")
          .then()
          .statusCode(422)
          .body("type", equalTo("https://ringgate.dev/problems/bad-signature"));
    }
  }
}
