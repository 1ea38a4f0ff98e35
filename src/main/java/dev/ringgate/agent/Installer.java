package dev.ringgate.agent;

import dev.ringgate.release.SignedReleases;
import dev.ringgate.release.domain.Ed25519;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Installs what an INSTALL or ROLLBACK answer names, trusting nothing the server says about the
 * bytes: the signature must verify with a vendor key pinned in the agent, and the downloaded
 * artifact must have the signed size and SHA-256, whether it came from one of the answer's
 * (unsigned) {@code mirrors}, tried first, or from the signed artifact URL. Then the artifact is
 * placed under {@code versions/<version>/}, the optional install command runs, and {@code current}
 * is switched atomically, the replaced version kept for a revert.
 */
public final class Installer {
  private static final Pattern SAFE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$");

  /** Whether the version was installed; if not, why ({@code INSTALL_FAILED}'s detail). */
  public record Result(boolean installed, String detail) {
    static Result failed(String detail) {
      return new Result(false, detail);
    }
  }

  private final Path stateDir;
  private final InstalledVersions versions;
  private final Map<String, byte[]> vendorKeys;
  private final List<String> installCommand;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  /**
   * @param vendorKeys key id to raw 32-byte Ed25519 public key: the only keys trusted
   * @param installCommand run with the artifact's path and the version; empty: none
   */
  public Installer(
      Path stateDir,
      InstalledVersions versions,
      Map<String, byte[]> vendorKeys,
      List<String> installCommand,
      Clock clock) {
    this.stateDir = stateDir;
    this.versions = versions;
    this.vendorKeys = Map.copyOf(vendorKeys);
    this.installCommand = List.copyOf(installCommand);
    this.clock = clock;
  }

  /** Verifies and installs the answer's version; on any failure the current version stays. */
  public Result install(Answer answer) {
    if (answer.artifact() == null || answer.signature() == null || answer.version() == null) {
      return Result.failed("the answer carries no artifact or signature");
    }
    if (!SAFE_NAME.matcher(answer.version()).matches()) {
      return Result.failed("version '" + answer.version() + "' cannot name a directory");
    }
    String refused = refusedSignature(answer);
    if (refused != null) {
      return Result.failed(refused);
    }
    Path placed = null;
    String failure = null;
    for (String source : sources(answer)) {
      try {
        placed = download(answer, source);
        break;
      } catch (IOException | RuntimeException e) {
        failure = "download of " + source + " failed: " + e.getMessage();
      } catch (VerificationFailed e) {
        failure = source + ": " + e.getMessage();
      }
    }
    if (placed == null) {
      return Result.failed(failure);
    }
    String hook = runHook(placed, answer.version());
    if (hook != null) {
      return Result.failed(hook);
    }
    versions.switchTo(answer.version(), clock.instant());
    return new Result(true, null);
  }

  /**
   * Runs the install command for a version already placed (a local revert), if there is a command.
   *
   * @return null when it succeeded or there is none; else what went wrong
   */
  public String reactivate(String version) {
    if (installCommand.isEmpty()) {
      return null;
    }
    try (var files = Files.list(versions.dir(version))) {
      Path artifact = files.findFirst().orElse(null);
      return artifact == null ? "no files kept for " + version : runHook(artifact, version);
    } catch (IOException e) {
      return "no files kept for " + version + ": " + e.getMessage();
    }
  }

  /** Why the signature is refused, or null when it verifies with a pinned key. */
  private String refusedSignature(Answer answer) {
    byte[] key = vendorKeys.get(answer.keyId());
    if (key == null) {
      return "signed with key '" + answer.keyId() + "', which this agent does not trust";
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(answer.signature());
    } catch (IllegalArgumentException e) {
      return "the signature is not base64";
    }
    byte[] signed;
    try {
      signed = SignedReleases.canonicalBytes(answer.signed());
    } catch (RuntimeException e) {
      return "the signed object cannot be rebuilt: " + e.getMessage();
    }
    return Ed25519.verify(key, signed, signature)
        ? null
        : "the signature does not verify with vendor key '" + answer.keyId() + "'";
  }

  /** A download that does not match what was signed. */
  private static final class VerificationFailed extends Exception {
    private static final long serialVersionUID = 1L;

    VerificationFailed(String message) {
      super(message);
    }
  }

  /** Where to download from: the mirrors (http and https only), then the artifact's URL. */
  static List<String> sources(Answer answer) {
    List<String> sources = new ArrayList<>();
    for (String mirror : answer.mirrors()) {
      String lower = mirror.toLowerCase(Locale.ROOT);
      if (lower.startsWith("http://") || lower.startsWith("https://")) {
        sources.add(mirror);
      }
    }
    sources.add(answer.artifact().url());
    return sources;
  }

  /** Downloads, checks size and SHA-256, and moves the file to its version's directory. */
  private Path download(Answer answer, String source) throws IOException, VerificationFailed {
    long expected = answer.artifact().sizeBytes();
    Path downloads = Files.createDirectories(stateDir.resolve("downloads"));
    Path temp = Files.createTempFile(downloads, "artifact-", ".part");
    try {
      MessageDigest sha = sha256();
      long size = 0;
      try (InputStream in = open(URI.create(source));
          OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
          size += n;
          if (size > expected) {
            throw new VerificationFailed(
                "the artifact is larger than the signed " + expected + " bytes");
          }
          sha.update(buffer, 0, n);
          out.write(buffer, 0, n);
        }
      }
      if (size != expected) {
        throw new VerificationFailed(
            "the artifact has " + size + " bytes, not the signed " + expected);
      }
      String actual = HexFormat.of().formatHex(sha.digest());
      if (!actual.equals(answer.artifact().sha256().toLowerCase(Locale.ROOT))) {
        throw new VerificationFailed(
            "the artifact's SHA-256 is "
                + actual
                + ", not the signed "
                + answer.artifact().sha256());
      }
      Path dir = Files.createDirectories(versions.dir(answer.version()));
      Path target = dir.resolve(fileName(answer.artifact().url()));
      StateFiles.move(temp, target);
      return target;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private InputStream open(URI url) throws IOException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "file":
        return Files.newInputStream(Path.of(url));
      case "http":
      case "https":
        try {
          HttpResponse<InputStream> response =
              http.send(
                  HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(30)).GET().build(),
                  HttpResponse.BodyHandlers.ofInputStream());
          if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP " + response.statusCode());
          }
          return response.body();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      default:
        throw new IOException("the agent downloads only http, https and file URLs");
    }
  }

  /** The URL's last path segment when it is a safe file name, else {@code artifact}. */
  static String fileName(String url) {
    String path = URI.create(url).getPath();
    String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    return SAFE_NAME.matcher(last).matches() ? last : "artifact";
  }

  /** Runs the install command; null when it succeeded or there is none, else why not. */
  private String runHook(Path artifact, String version) {
    if (installCommand.isEmpty()) {
      return null;
    }
    List<String> command = new ArrayList<>(installCommand);
    command.add(artifact.toAbsolutePath().toString());
    command.add(version);
    try {
      Process process = new ProcessBuilder(command).inheritIO().start();
      if (!process.waitFor(30, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return "the install command did not finish within 30 minutes";
      }
      int exit = process.exitValue();
      return exit == 0 ? null : "the install command exited with " + exit;
    } catch (IOException e) {
      return "the install command could not run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while the install command ran";
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
