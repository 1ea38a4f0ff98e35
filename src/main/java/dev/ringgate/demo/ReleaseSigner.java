package dev.ringgate.demo;

import dev.ringgate.release.SignedReleases;
import dev.ringgate.release.domain.SignedRelease;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * The demo vendor's release signing, as its CI would do it: an Ed25519 key pair made in memory for
 * this run, and signatures over the RFC 8785 canonical bytes of the signed part of a release.
 */
final class ReleaseSigner {
  private final KeyPair pair;

  ReleaseSigner() {
    try {
      this.pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no Ed25519", e);
    }
  }

  /** Standard base64 of the raw 32-byte public key (the last 32 bytes of its X.509 form). */
  String publicKeyBase64() {
    byte[] x509 = pair.getPublic().getEncoded();
    return Base64.getEncoder()
        .encodeToString(Arrays.copyOfRange(x509, x509.length - 32, x509.length));
  }

  /** Standard base64 of the 64-byte signature over the release's canonical bytes. */
  String sign(SignedRelease release) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(pair.getPrivate());
      signature.update(SignedReleases.canonicalBytes(release));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with Ed25519", e);
    }
  }
}
