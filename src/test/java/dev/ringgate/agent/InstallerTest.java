package dev.ringgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.release.domain.Artifact;
import dev.ringgate.support.ReleaseBuilder;
import dev.ringgate.support.Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing is installed that the vendor did not sign, byte for byte. */
class InstallerTest {
  private static final String KEY_ID = "ci-2026";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path state;
  @TempDir Path downloads;
  private final Signer vendor = new Signer();
  private InstalledVersions versions;
  private Path artifact;

  @BeforeEach
  void aDeviceOnOneAndAnArtifactOfTwo() throws IOException {
    versions = new InstalledVersions(state);
    versions.switchTo("1.0.0", CLOCK.instant());
    artifact = Files.writeString(downloads.resolve("agent-2.0.0.msi"), "the bytes of 2.0.0");
  }

  private Installer installer(Map<String, String> trusted) {
    Map<String, byte[]> keys = new java.util.HashMap<>();
    trusted.forEach((id, b64) -> keys.put(id, Base64.getDecoder().decode(b64)));
    return new Installer(state, versions, keys, List.of(), CLOCK);
  }

  private Installer trustingTheVendor() {
    return installer(Map.of(KEY_ID, vendor.publicKeyBase64()));
  }

  /** The INSTALL answer for 2.0.0 signed by {@code signer}, with the artifact's real hash. */
  private Answer answer(Signer signer, String keyId, String sha256) throws IOException {
    long size = Files.size(artifact);
    ReleaseBuilder release =
        ReleaseBuilder.aRelease("agent")
            .version("2.0.0")
            .url(artifact.toUri().toString())
            .sha256(sha256)
            .sizeBytes(size)
            .signedBy(signer, keyId);
    String signature = (String) ((Map<?, ?>) release.body().get("signature")).get("value");
    return new Answer(
        "agent",
        "INSTALL",
        "2.0.0",
        List.of("windows-x64"),
        null,
        new Artifact(artifact.toUri().toString(), sha256, size),
        keyId,
        signature,
        "a newer release is available",
        null,
        60,
        List.of());
  }

  private String sha256() throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(artifact)));
  }

  @Test
  void aVerifiedReleaseIsPlacedAndSwitchedToKeepingThePreviousOne() throws Exception {
    // When
    Installer.Result result = trustingTheVendor().install(answer(vendor, KEY_ID, sha256()));

    // Then
    assertThat(result.installed()).isTrue();
    assertThat(versions.current()).isEqualTo("2.0.0");
    assertThat(versions.previous()).isEqualTo("1.0.0");
    assertThat(versions.dir("2.0.0").resolve("agent-2.0.0.msi")).hasContent("the bytes of 2.0.0");
    try (var left = Files.list(state)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".tmp-"));
    }
  }

  @Test
  void anArtifactWhoseSha256DiffersFromTheSignedOneIsRefused() throws Exception {
    // Given: a signed release whose artifact was swapped after signing
    Answer answer = answer(vendor, KEY_ID, sha256());
    Files.writeString(artifact, "THE BYTES OF 2.0.0", StandardCharsets.UTF_8);

    // When
    Installer.Result result = trustingTheVendor().install(answer);

    // Then
    assertThat(result.installed()).isFalse();
    assertThat(result.detail()).contains("SHA-256");
    assertThat(versions.current()).isEqualTo("1.0.0");
    assertThat(versions.dir("2.0.0")).doesNotExist();
  }

  @Test
  void anArtifactOfAnotherSizeIsRefused() throws Exception {
    // Given
    Answer answer = answer(vendor, KEY_ID, sha256());
    Files.writeString(artifact, "the bytes of 2.0.0 and more", StandardCharsets.UTF_8);

    // When
    Installer.Result result = trustingTheVendor().install(answer);

    // Then
    assertThat(result.detail()).contains("larger than the signed");
    assertThat(versions.current()).isEqualTo("1.0.0");
  }

  @Test
  void aSignatureByAnotherKeyUnderATrustedKeyIdIsRefused() throws Exception {
    // Given: signed by someone else under the vendor's key id
    Answer forged = answer(new Signer(), KEY_ID, sha256());

    // When
    Installer.Result result = trustingTheVendor().install(forged);

    // Then
    assertThat(result.installed()).isFalse();
    assertThat(result.detail()).contains("does not verify with vendor key 'ci-2026'");
    assertThat(versions.current()).isEqualTo("1.0.0");
  }

  @Test
  void aSignedFieldChangedAfterSigningIsRefused() throws Exception {
    // Given: the server answers a version the vendor did not sign
    Answer answer = answer(vendor, KEY_ID, sha256());
    Answer changed =
        new Answer(
            answer.productId(),
            answer.action(),
            "2.0.1",
            answer.platforms(),
            null,
            answer.artifact(),
            answer.keyId(),
            answer.signature(),
            answer.reason(),
            null,
            60,
            List.of());

    // When
    Installer.Result result = trustingTheVendor().install(changed);

    // Then
    assertThat(result.installed()).isFalse();
    assertThat(versions.current()).isEqualTo("1.0.0");
  }

  @Test
  void aReleaseSignedWithAnUnknownKeyIdIsRefused() throws Exception {
    // Given: a release signed with a key this agent does not pin
    Signer other = new Signer();
    Answer answer = answer(other, "ci-2027", sha256());

    // When
    Installer.Result result = trustingTheVendor().install(answer);

    // Then
    assertThat(result.installed()).isFalse();
    assertThat(result.detail())
        .isEqualTo("signed with key 'ci-2027', which this agent does not trust");
    assertThat(versions.current()).isEqualTo("1.0.0");
  }

  @Test
  void aFailingInstallCommandLeavesTheCurrentVersion() throws Exception {
    // Given
    Installer failing =
        new Installer(
            state,
            versions,
            Map.of(KEY_ID, Base64.getDecoder().decode(vendor.publicKeyBase64())),
            List.of("false"),
            CLOCK);

    // When
    Installer.Result result = failing.install(answer(vendor, KEY_ID, sha256()));

    // Then
    assertThat(result.detail()).isEqualTo("the install command exited with 1");
    assertThat(versions.current()).isEqualTo("1.0.0");
  }

  /** {@code answer} as a relay gives it, naming mirrors of the artifact. */
  private static Answer withMirrors(Answer answer, String... mirrors) {
    return new Answer(
        answer.productId(),
        answer.action(),
        answer.version(),
        answer.platforms(),
        answer.requiresAgentVersion(),
        answer.artifact(),
        answer.keyId(),
        answer.signature(),
        answer.reason(),
        answer.reasonCode(),
        answer.pollAfterSeconds(),
        List.of(mirrors));
  }

  /** Installs {@code answer} naming one mirror, a local HTTP server that serves {@code body}. */
  private Installer.Result installWithAMirrorServing(Answer answer, String body)
      throws IOException {
    var server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/a",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/a";
      return trustingTheVendor().install(withMirrors(answer, url));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aMirrorIsTriedBeforeTheArtifactUrl() throws Exception {
    // Given: the signed URL is gone, the relay's mirror has the bytes
    Answer answer = answer(vendor, KEY_ID, sha256());
    Files.delete(artifact);

    // When
    Installer.Result result = installWithAMirrorServing(answer, "the bytes of 2.0.0");

    // Then
    assertThat(result.installed()).as(result.detail()).isTrue();
    assertThat(versions.dir("2.0.0").resolve("agent-2.0.0.msi")).hasContent("the bytes of 2.0.0");
  }

  @Test
  void aMirrorServingOtherBytesIsPassedOverForTheSignedUrl() throws Exception {
    // Given: a mirror with bytes the vendor did not sign
    Answer answer = answer(vendor, KEY_ID, sha256());

    // When
    Installer.Result result = installWithAMirrorServing(answer, "THE BYTES OF 2.0.0");

    // Then
    assertThat(result.installed()).as(result.detail()).isTrue();
    assertThat(versions.dir("2.0.0").resolve("agent-2.0.0.msi")).hasContent("the bytes of 2.0.0");
  }
}
