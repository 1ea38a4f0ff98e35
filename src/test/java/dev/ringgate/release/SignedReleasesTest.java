package dev.ringgate.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.ringgate.release.domain.Artifact;
import dev.ringgate.release.domain.Ed25519;
import dev.ringgate.release.domain.SignedRelease;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signed bytes are the contract with every vendor's CI: pinned here to the letter. */
class SignedReleasesTest {
  private static final Artifact ARTIFACT =
      new Artifact("https://dl.example.com/sensor-7.11.2.msi", "0".repeat(64), 1_048_576);

  @Test
  void canonicalBytesSortKeysAndOmitAbsentRequires() {
    SignedRelease release =
        new SignedRelease("sensor", "7.11.2", List.of("windows-x64", "linux-x64"), null, ARTIFACT);

    assertThat(new String(SignedReleases.canonicalBytes(release), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"artifact\":{\"sha256\":\""
                + "0".repeat(64)
                + "\",\"sizeBytes\":1048576,\"url\":\"https://dl.example.com/sensor-7.11.2.msi\"},"
                + "\"platforms\":[\"windows-x64\",\"linux-x64\"],\"productId\":\"sensor\","
                + "\"version\":\"7.11.2\"}");
  }

  @Test
  void canonicalBytesAreRefusedForAnUnpairedSurrogateRatherThanReplacedByAQuestionMark() {
    // Given: RFC 8785 cannot represent U+D800 alone; the canonicalizer would write "?"
    Artifact artifact =
        new Artifact(
            "https://dl.example.com/sensor-" + (char) 0xD800 + ".msi", "0".repeat(64), 1_048_576);
    SignedRelease release =
        new SignedRelease("sensor", "7.11.2", List.of("windows-x64"), null, artifact);

    // When / Then
    assertThatIllegalStateException()
        .isThrownBy(() -> SignedReleases.canonicalBytes(release))
        .withMessageContaining("unpaired surrogate");
  }

  @Test
  void canonicalBytesIncludeRequiresWhenPresent() {
    SignedRelease release =
        new SignedRelease("channel-291", "291", List.of("windows-x64"), "[7.11,7.16)", ARTIFACT);

    assertThat(new String(SignedReleases.canonicalBytes(release), StandardCharsets.UTF_8))
        .contains(
            ",\"productId\":\"channel-291\",\"requires\":{\"agentVersion\":\"[7.11,7.16)\"},");
  }

  @Test
  void aSignatureOverTheCanonicalBytesVerifiesAndNothingElseDoes() throws Exception {
    // Given
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] x509 = pair.getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    byte[] message =
        SignedReleases.canonicalBytes(
            new SignedRelease("sensor", "7.11.2", List.of("windows-x64"), null, ARTIFACT));
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(message);
    byte[] signature = signer.sign();

    // When / Then
    assertThat(Ed25519.verify(raw, message, signature)).isTrue();
    byte[] other =
        SignedReleases.canonicalBytes(
            new SignedRelease("sensor", "7.11.3", List.of("windows-x64"), null, ARTIFACT));
    assertThat(Ed25519.verify(raw, other, signature)).isFalse();
    assertThat(Ed25519.verify(raw, message, Arrays.copyOf(signature, 63))).isFalse();
  }
}
