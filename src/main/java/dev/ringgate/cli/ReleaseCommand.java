package dev.ringgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.kernel.ApiClient;
import dev.ringgate.release.SignedReleases;
import dev.ringgate.release.domain.Artifact;
import dev.ringgate.release.domain.SignedRelease;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code release}: signing and publishing a release. */
@Command(
    name = "release",
    description = "Signs and publishes releases.",
    subcommands = {ReleaseCommand.Sign.class, ReleaseCommand.Publish.class})
final class ReleaseCommand {
  @Mixin Help help;

  /** What a release says about itself and its artifact, and the key that signs it. */
  static final class Signed {
    @Option(
        names = "--product",
        required = true,
        paramLabel = "ID",
        description = "The product id.")
    String product;

    @Option(
        names = "--version",
        required = true,
        paramLabel = "VERSION",
        description = "The release's version.")
    String version;

    @Option(
        names = "--platform",
        required = true,
        split = ",",
        paramLabel = "PLATFORM",
        description = "Platforms, e.g. windows-x64 (repeat or separate with commas).")
    List<String> platforms = new ArrayList<>();

    @Option(
        names = "--requires",
        paramLabel = "RANGE",
        description = "The agent versions it needs, e.g. [7.11,7.16).")
    String requires;

    @Option(names = "--artifact", required = true, paramLabel = "FILE", description = "The file.")
    Path artifact;

    @Option(
        names = "--url",
        required = true,
        paramLabel = "URL",
        description = "Where devices download it.")
    String url;

    @Option(
        names = "--signing-key",
        required = true,
        paramLabel = "FILE",
        description = "The private key (PKCS#8 PEM, as keygen writes it).")
    Path signingKey;

    /** The signed part, with sha256 and size read from the artifact file. */
    SignedRelease release() {
      return new SignedRelease(
          product,
          version,
          platforms,
          requires,
          new Artifact(url, sha256(artifact), size(artifact)));
    }

    String signature(SignedRelease release) {
      return Keys.sign(Keys.readPrivate(signingKey), SignedReleases.canonicalBytes(release));
    }

    private static String sha256(Path file) {
      try (InputStream in =
          new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
      } catch (IOException e) {
        throw new CliException("cannot read the artifact " + file + ": " + e.getMessage(), e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private static long size(Path file) {
      try {
        return Files.size(file);
      } catch (IOException e) {
        throw new CliException("cannot read the artifact " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** {@code release sign}: prints the signature, for CI that publishes by other means. */
  @Command(
      name = "sign",
      description =
          "Prints the Ed25519 signature (base64) over the release's canonical bytes; sha256 and"
              + " size are computed from the artifact file.")
  static final class Sign implements Callable<Integer> {
    @Mixin Help help;

    @Spec CommandSpec spec;

    @Mixin Signed signed;

    @Override
    public Integer call() {
      SignedRelease release = signed.release();
      ((Cli) spec.root().userObject()).out().println(signed.signature(release));
      return 0;
    }
  }

  /** {@code release publish}: signs and publishes; prints the release and rollout ids. */
  @Command(
      name = "publish",
      description = {
        "Publishes a release: sha256 and size computed from the artifact file, the canonical bytes"
            + " signed, POSTed. Prints \"release ID\" and \"rollout ID\" (PENDING until started)."
      })
  static final class Publish extends ClientCommand {
    @Mixin Signed signed;

    @Option(
        names = "--key-id",
        required = true,
        paramLabel = "ID",
        description = "The registered signing key's id.")
    String keyId;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Release notes.")
    String notes;

    @Override
    protected int run(ApiClient api) {
      SignedRelease release = signed.release();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("version", release.version());
      body.put("platforms", release.platforms());
      if (release.requiresAgentVersion() != null) {
        body.put("requires", Map.of("agentVersion", release.requiresAgentVersion()));
      }
      body.put(
          "artifact",
          Map.of(
              "url", release.artifact().url(),
              "sha256", release.artifact().sha256(),
              "sizeBytes", release.artifact().sizeBytes()));
      body.put("signature", Map.of("keyId", keyId, "value", signed.signature(release)));
      if (notes != null) {
        body.put("notes", notes);
      }
      JsonNode published =
          api.post("/api/v1/products/" + enc(signed.product) + "/releases", body).expect(200, 201);
      out().println("release " + published.path("id").asText());
      out().println("rollout " + published.path("rolloutId").asText());
      return 0;
    }
  }
}
