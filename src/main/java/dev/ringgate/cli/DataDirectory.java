package dev.ringgate.cli;

import java.nio.file.Path;

/**
 * The data directory made absolute before the server starts: H2 refuses a database path that is
 * implicitly relative to the working directory ({@code RINGGATE_DATA_DIR=tour/data} failed at start
 * with "A file path that is implicitly relative to the current working directory is not allowed"),
 * while {@code ./data}, {@code ~/x} and absolute paths work.
 */
final class DataDirectory {
  static final String PROPERTY = "ringgate.data-dir";
  static final String ENV = "RINGGATE_DATA_DIR";

  private DataDirectory() {}

  /**
   * Sets {@code ringgate.data-dir} to the absolute form of the directory given by the system
   * property or, failing that, by {@code RINGGATE_DATA_DIR}; leaves the configured default alone
   * when neither is given.
   */
  static void makeAbsolute() {
    String given = absolute(System.getProperty(PROPERTY, System.getenv(ENV)));
    if (given != null) {
      System.setProperty(PROPERTY, given);
    }
  }

  /** {@code dir} resolved against the working directory, or null when none is given. */
  static String absolute(String dir) {
    if (dir == null || dir.isBlank()) {
      return null;
    }
    return Path.of(dir.trim()).toAbsolutePath().normalize().toString();
  }
}
