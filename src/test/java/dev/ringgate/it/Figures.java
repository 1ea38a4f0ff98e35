package dev.ringgate.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Figures the integration tests measure, printed and appended to target/it-figures.txt. */
final class Figures {
  private Figures() {}

  static void record(String line) throws IOException {
    System.out.println(line);
    Files.writeString(
        Path.of("target", "it-figures.txt"),
        line + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
