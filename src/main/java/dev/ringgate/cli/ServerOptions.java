package dev.ringgate.cli;

import dev.ringgate.kernel.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the server is and which key to call it with: {@code --server}, {@code --key}. */
final class ServerOptions {
  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "${env:RINGGATE_URL:-http://localhost:8080}",
      description = "The server's base URL (env RINGGATE_URL; default ${DEFAULT-VALUE}).")
  String server;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "The API key to call with (env RINGGATE_KEY).")
  String key;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description = "Read the API key from this file (e.g. data/operator.key).")
  Path keyFile;

  /** A client of the server with the key given, if any. */
  ApiClient client() {
    return ApiClient.of(URI.create(server)).withKey(key());
  }

  private String key() {
    if (key != null) {
      return key;
    }
    if (keyFile != null) {
      try {
        return Files.readString(keyFile).strip();
      } catch (IOException e) {
        throw new CliException("cannot read the key file " + keyFile + ": " + e.getMessage());
      }
    }
    String env = System.getenv("RINGGATE_KEY");
    return env == null || env.isBlank() ? null : env.strip();
  }
}
