package dev.ringgate.relay;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * A sync document as it travels and rests on the relay's disk: the document's exact bytes, and the
 * upstream's Ed25519 signature over them, so that no canonical form is needed.
 *
 * @param publicKey the signer's public key, base64 of its X.509 form
 * @param payload base64 of the document's UTF-8 JSON
 * @param signature base64 of the 64-byte Ed25519 signature over the payload's bytes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignedSync(String publicKey, String payload, String signature) {

  /** Signs {@code json} with {@code key}. */
  public static SignedSync sign(String json, PrivateKey key, String publicKey) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(bytes);
      return new SignedSync(
          publicKey,
          Base64.getEncoder().encodeToString(bytes),
          Base64.getEncoder().encodeToString(signer.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a sync document", e);
    }
  }

  /**
   * The document's JSON, when the signature verifies under {@code trustedKey} (base64 X.509);
   * otherwise a {@link SecurityException}.
   */
  public String verifiedJson(String trustedKey) {
    if (trustedKey == null || !trustedKey.equals(publicKey)) {
      throw new SecurityException("signed by an untrusted key");
    }
    try {
      PublicKey key =
          KeyFactory.getInstance("Ed25519")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(trustedKey)));
      byte[] bytes = Base64.getDecoder().decode(payload);
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(bytes);
      if (!verifier.verify(Base64.getDecoder().decode(signature))) {
        throw new SecurityException("the signature does not verify");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SecurityException("the signature cannot be checked: " + e.getMessage(), e);
    }
  }
}
