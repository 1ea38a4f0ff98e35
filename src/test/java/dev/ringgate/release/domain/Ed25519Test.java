package dev.ringgate.release.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.ringgate.support.Signer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which Ed25519 keys and signatures Ringgate trusts (RFC 8032 sections 5.1.3 and 5.1.7). */
class Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8032 section 7.1, TEST 1 to 3: public key, message, signature. */
  static Stream<Arguments> rfc8032Vectors() {
    return Stream.of(
        Arguments.of(
            "TEST 1",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        Arguments.of(
            "TEST 2",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        Arguments.of(
            "TEST 3",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"));
  }

  /** The eight points of order 1, 2, 4 and 8, canonically encoded. */
  static final List<String> SMALL_ORDER_POINTS =
      List.of(
          "0100000000000000000000000000000000000000000000000000000000000000",
          "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
          "0000000000000000000000000000000000000000000000000000000000000000",
          "0000000000000000000000000000000000000000000000000000000000000080",
          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
          "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
          "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85");

  /** Every encoding with y ≥ p (y = p + 0 … p + 18), with either sign bit. */
  static List<String> encodingsWithYNotBelowP() {
    List<String> encodings = new ArrayList<>();
    for (int offset = 0; offset < 19; offset++) {
      for (boolean sign : new boolean[] {false, true}) {
        BigInteger y = EdwardsPoint.P.add(BigInteger.valueOf(offset));
        encodings.add(HEX.formatHex(littleEndian(sign ? y.setBit(255) : y)));
      }
    }
    return encodings;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc8032Vectors")
  void rfc8032TestVectorsVerify(String name, String key, String message, String signature) {
    // Given
    byte[] publicKey = HEX.parseHex(key);

    // When / Then
    assertThatNoException().isThrownBy(() -> Ed25519.publicKey(publicKey));
    assertThat(Ed25519.verify(publicKey, HEX.parseHex(message), HEX.parseHex(signature))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc8032Vectors")
  void rfc8032TestVectorsDoNotVerifyAnotherMessage(
      String name, String key, String message, String signature) {
    byte[] other = (message + "00").getBytes(StandardCharsets.US_ASCII);
    assertThat(Ed25519.verify(HEX.parseHex(key), other, HEX.parseHex(signature))).isFalse();
  }

  @Test
  void keysMadeByTheJdkAreAccepted() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    for (int i = 0; i < 50; i++) {
      byte[] x509 = generator.generateKeyPair().getPublic().getEncoded();
      byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
      assertThatNoException().isThrownBy(() -> Ed25519.publicKey(raw));
    }
  }

  @ParameterizedTest
  @MethodSource("smallOrderPoints")
  void smallOrderKeysAreRefused(String key) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Ed25519.publicKey(HEX.parseHex(key)))
        .withMessageContaining("small order");
  }

  static List<String> smallOrderPoints() {
    return SMALL_ORDER_POINTS;
  }

  @ParameterizedTest
  @MethodSource("encodingsWithYNotBelowP")
  void encodingsWithYNotBelowPAreRefused(String key) {
    // These include the non-canonical encodings of the identity (y = p + 1) and of the points of
    // order 4 (y = p).
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Ed25519.publicKey(HEX.parseHex(key)))
        .withMessageContaining("not a canonical encoding");
  }

  @ParameterizedTest
  @MethodSource("encodingsOfXZeroWithTheSignBitSet")
  void encodingsOfXZeroWithTheSignBitSetAreRefused(String key) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Ed25519.publicKey(HEX.parseHex(key)))
        .withMessageContaining("not a canonical encoding");
  }

  static List<String> encodingsOfXZeroWithTheSignBitSet() {
    return List.of(
        // the identity (0, 1) and (0, -1), with the sign bit set
        "0100000000000000000000000000000000000000000000000000000000000080",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
  }

  @Test
  void aKeyOffTheCurveIsRefused() {
    // Given: y = 2 has no x on the curve
    byte[] key = new byte[32];
    key[0] = 2;

    // When / Then
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Ed25519.publicKey(key))
        .withMessageContaining("not a point on the curve");
  }

  @Test
  void theIdentityKeysForgedSignatureVerifiesNoMessage() {
    // Given: with A = identity, R = identity and S = 0 satisfy [S]B = R + [k]A for every k
    byte[] identity = HEX.parseHex(SMALL_ORDER_POINTS.get(0));
    byte[] forged = Arrays.copyOf(identity, 64);

    // When / Then
    for (String message : List.of("", "8.0.0", "8.0.1 with another URL")) {
      assertThat(Ed25519.verify(identity, message.getBytes(StandardCharsets.UTF_8), forged))
          .isFalse();
    }
  }

  @Test
  void aSignatureWhoseSIsNotBelowTheGroupOrderIsRefused() {
    // Given: TEST 1's signature with L added to S (the same S modulo L; still 32 bytes)
    Arguments test1 = rfc8032Vectors().findFirst().orElseThrow();
    byte[] key = HEX.parseHex((String) test1.get()[1]);
    byte[] signature = HEX.parseHex((String) test1.get()[3]);
    byte[] malleated =
        Base64.getDecoder()
            .decode(Signer.withOrderAddedToS(Base64.getEncoder().encodeToString(signature)));

    // When / Then
    assertThat(Ed25519.hasCanonicalS(malleated)).isFalse();
    assertThat(Ed25519.verify(key, new byte[0], malleated)).isFalse();
    assertThat(Ed25519.verify(key, new byte[0], signature)).isTrue();
  }

  private static byte[] littleEndian(BigInteger value) {
    byte[] bigEndian = value.toByteArray();
    byte[] result = new byte[32];
    for (int i = 0; i < 32 && i < bigEndian.length; i++) {
      result[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return result;
  }
}
