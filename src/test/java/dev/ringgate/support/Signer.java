package dev.ringgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
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

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
