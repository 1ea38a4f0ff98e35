package dev.ringgate.demo;

import dev.ringgate.account.SecurityBootstrap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The operator key the demo seeds with, found where {@code SecurityBootstrap} put it: the value of
 * {@code RINGGATE_OPERATOR_KEY}, else the generated {@code <data dir>/operator.key}.
 *
 * @param where where it is, for the log (never the key itself)
 * @param shellValue how a shell reads it
 */
record OperatorKey(String value, String where, String shellValue) {
  @Override
  public String toString() {
    return "OperatorKey[" + where + "]";
  }

  static Optional<OperatorKey> find(Optional<String> configured, Path dataDir) {
    if (configured.isPresent() && !configured.get().isBlank()) {
      return Optional.of(
          new OperatorKey(
              configured.get(),
              "the value of RINGGATE_OPERATOR_KEY (ringgate.operator-key)",
              "$RINGGATE_OPERATOR_KEY"));
    }
    Path file = SecurityBootstrap.operatorKeyFile(dataDir);
    try {
      String key = Files.readString(file, StandardCharsets.UTF_8).trim();
      return key.isEmpty()
          ? Optional.empty()
          : Optional.of(new OperatorKey(key, "in " + file, "$(cat " + file + ")"));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
