package dev.ringgate.release.domain;

import java.math.BigInteger;

/**
 * A point of edwards25519 (-x² + y² = 1 + d·x²·y² over GF(2²⁵⁵ - 19)), decoded from its 32-byte
 * encoding exactly as RFC 8032 section 5.1.3 says, so that a public key can be checked before it is
 * trusted: the JDK's provider accepts any 32 bytes as a key and decodes them lazily.
 */
record EdwardsPoint(BigInteger x, BigInteger y) {
  static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  /** The order of the prime-order subgroup (RFC 8032's L). */
  static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger SQRT_MINUS_ONE =
      BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
  private static final EdwardsPoint IDENTITY = new EdwardsPoint(BigInteger.ZERO, BigInteger.ONE);

  /** Why 32 bytes do not decode to a point. */
  static final class NotAPointException extends IllegalArgumentException {
    NotAPointException(String message) {
      super(message);
    }
  }

  /**
   * Decodes a point (RFC 8032 section 5.1.3): y is the little-endian number in the low 255 bits,
   * the top bit is the sign of x.
   *
   * @throws NotAPointException if y ≥ p, if no x fits y (not on the curve), or if x = 0 and the
   *     sign bit is set: all encodings that no honest encoder produces
   */
  static EdwardsPoint decode(byte[] encoded) {
    if (encoded.length != 32) {
      throw new NotAPointException("a point is encoded in 32 bytes, not " + encoded.length);
    }
    boolean xOdd = (encoded[31] & 0x80) != 0;
    BigInteger y = littleEndian(encoded).clearBit(255);
    if (y.compareTo(P) >= 0) {
      throw new NotAPointException("is not a canonical encoding (y is not below 2^255 - 19)");
    }
    // x² = (y² - 1) / (d·y² + 1); the candidate root is u·v³·(u·v⁷)^((p-5)/8).
    BigInteger y2 = y.multiply(y).mod(P);
    BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
    BigInteger v3 = v.modPow(BigInteger.valueOf(3), P);
    BigInteger v7 = v3.multiply(v3).multiply(v).mod(P);
    BigInteger exponent = P.subtract(BigInteger.valueOf(5)).shiftRight(3);
    BigInteger x = u.multiply(v3).multiply(u.multiply(v7).modPow(exponent, P)).mod(P);
    BigInteger vx2 = v.multiply(x).multiply(x).mod(P);
    if (!vx2.equals(u)) {
      if (vx2.equals(u.negate().mod(P))) {
        x = x.multiply(SQRT_MINUS_ONE).mod(P);
      } else {
        throw new NotAPointException("is not a point on the curve");
      }
    }
    if (x.signum() == 0 && xOdd) {
      throw new NotAPointException("is not a canonical encoding (x = 0 with the sign bit set)");
    }
    if (x.testBit(0) != xOdd) {
      x = P.subtract(x);
    }
    return new EdwardsPoint(x, y);
  }

  /**
   * Whether the point's order divides the cofactor 8 (the identity and the seven other torsion
   * points). A key of small order makes {@code [k]A} take at most 8 values whatever the message, so
   * one forged signature can verify for many messages (with the identity, for all of them).
   */
  boolean hasSmallOrder() {
    return doubled().doubled().doubled().equals(IDENTITY);
  }

  /** {@code this + this} with the complete addition law (a = -1, d not a square). */
  private EdwardsPoint doubled() {
    BigInteger xx = x.multiply(x);
    BigInteger yy = y.multiply(y);
    BigInteger t = D.multiply(xx).multiply(yy).mod(P);
    BigInteger x3 = x.multiply(y).shiftLeft(1).multiply(BigInteger.ONE.add(t).modInverse(P)).mod(P);
    BigInteger y3 = yy.add(xx).multiply(BigInteger.ONE.subtract(t).modInverse(P)).mod(P);
    return new EdwardsPoint(x3, y3);
  }

  /** The unsigned little-endian number in {@code bytes}. */
  static BigInteger littleEndian(byte[] bytes) {
    byte[] bigEndian = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      bigEndian[i] = bytes[bytes.length - 1 - i];
    }
    return new BigInteger(1, bigEndian);
  }
}
