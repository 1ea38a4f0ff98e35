package dev.ringgate.release.domain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 verification with the JDK's own EdDSA provider, behind the checks the provider leaves
 * out: a public key must decode to a point of the curve (RFC 8032 section 5.1.3, canonical encoding
 * only) and must not have small order, and a signature's S must be below L.
 */
public final class Ed25519 {
  /** Raw public keys are 32 bytes; signatures 64. */
  public static final int PUBLIC_KEY_BYTES = 32;

  public static final int SIGNATURE_BYTES = 64;

  /** The DER prefix that wraps a raw Ed25519 key into a SubjectPublicKeyInfo (RFC 8410). */
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private Ed25519() {}

  /**
   * The JDK key for 32 raw bytes.
   *
   * @throws IllegalArgumentException if they are not a key that may sign: not 32 bytes, not the
   *     canonical encoding of a curve point, or a point of small order; the message says which
   */
  public static PublicKey publicKey(byte[] raw) {
    if (raw.length != PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
    }
    if (EdwardsPoint.decode(raw).hasSmallOrder()) {
      throw new IllegalArgumentException(
          "is a point of small order, for which one signature verifies many messages");
    }
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + raw.length);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, raw.length);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("is not a valid Ed25519 public key", e);
    }
  }

  /**
   * Whether {@code signature} is {@code key}'s signature of {@code message}. False as well for a
   * key that {@link #publicKey} refuses (one stored before keys were checked) and for a signature
   * whose S is not below L (RFC 8032 section 5.1.7: such an S is never produced by signing).
   */
  public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
    if (signature.length != SIGNATURE_BYTES || !hasCanonicalS(signature)) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey(rawPublicKey));
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether the signature's second half, S as a little-endian number, is below L. */
  static boolean hasCanonicalS(byte[] signature) {
    byte[] s = Arrays.copyOfRange(signature, SIGNATURE_BYTES / 2, SIGNATURE_BYTES);
    return EdwardsPoint.littleEndian(s).compareTo(EdwardsPoint.L) < 0;
  }
}
