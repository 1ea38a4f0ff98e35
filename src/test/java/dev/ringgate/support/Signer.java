package dev.ringgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * A vendor's signing key, used as a vendor's CI would: it canonicalizes the signed object with an
 * RFC 8785 implementation and signs the bytes with Ed25519.
 */
public final class Signer {
  private final KeyPair pair;

  public Signer() {
    try {
      this.pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Standard base64 of the raw 32-byte public key (the last 32 bytes of its X.509 form). */
  public String publicKeyBase64() {
    byte[] x509 = pair.getPublic().getEncoded();
    return Base64.getEncoder()
        .encodeToString(Arrays.copyOfRange(x509, x509.length - 32, x509.length));
  }

  /** Standard base64 of the signature over the canonical JSON of {@code signed}. */
  public String sign(Map<String, Object> signed) {
    try {
      String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(signed);
      byte[] canonical = new JsonCanonicalizer(json).getEncodedUTF8();
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(pair.getPrivate());
      signature.update(canonical);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Registers this key for {@code vendorId} under {@code keyId}. */
  public Signer registerAs(String vendorKey, String vendorId, String keyId) {
    Api.as(vendorKey)
        .body(Map.of("algorithm", "Ed25519", "publicKey", publicKeyBase64()))
        .put("/api/v1/vendors/" + vendorId + "/signing-keys/" + keyId)
        .then()
        .statusCode(200);
    return this;
  }

  /**
   * {@code signatureBase64} with the group order L added to its S half: the same S modulo L, a
   * non-canonical encoding that RFC 8032 verifiers must refuse.
   */
  public static String withOrderAddedToS(String signatureBase64) {
    BigInteger order =
        BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    byte[] signature = Base64.getDecoder().decode(signatureBase64);
    byte[] s = new byte[32];
    for (int i = 0; i < 32; i++) {
      s[i] = signature[63 - i];
    }
    byte[] sum = new BigInteger(1, s).add(order).toByteArray();
    for (int i = 0; i < 32; i++) {
      signature[32 + i] = i < sum.length ? sum[sum.length - 1 - i] : 0;
    }
    return Base64.getEncoder().encodeToString(signature);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
