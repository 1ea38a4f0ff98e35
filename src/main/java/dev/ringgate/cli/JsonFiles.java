package dev.ringgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.kernel.ApiClient;
import java.io.IOException;
import java.nio.file.Path;

/** JSON request bodies read from files. */
final class JsonFiles {
  private JsonFiles() {}

  static JsonNode read(Path file) {
    try {
      return ApiClient.json().readTree(file.toFile());
    } catch (IOException e) {
      throw new CliException("cannot read JSON from " + file + ": " + e.getMessage(), e);
    }
  }
}
