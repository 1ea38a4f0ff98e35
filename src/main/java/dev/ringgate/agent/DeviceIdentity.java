package dev.ringgate.agent;

import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The device id the agent checks in and reports with: a random install id ({@code inst-} and a
 * UUIDv4, after an optional prefix such as the tenant's id) made on the first start and kept in the
 * state directory's {@code device-id} file, so that every later start uses the same one. A random
 * id reveals nothing and cannot be taken first by another tenant (docs/agent-guide.md).
 */
public final class DeviceIdentity {
  /** The file, in the state directory, that holds the id. */
  public static final String FILE = "device-id";

  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");

  private DeviceIdentity() {}

  /**
   * The id saved in {@code stateDir}, made and saved first if there is none.
   *
   * @param prefix put before the random part ({@code acme:inst-...}), or null
   * @throws IllegalArgumentException if the saved id, or the prefix, does not make a valid id
   */
  public static String load(Path stateDir, String prefix) {
    Path file = stateDir.resolve(FILE);
    String saved = StateFiles.read(file);
    if (saved != null && !saved.isBlank()) {
      return valid(saved.strip(), file.toString());
    }
    String id =
        valid(
            (prefix == null || prefix.isEmpty() ? "" : prefix + ":") + "inst-" + UUID.randomUUID(),
            "--id-prefix");
    StateFiles.write(file, id + "\n");
    return id;
  }

  private static String valid(String id, String where) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          where + ": '" + id + "' is not a device id (^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$)");
    }
    return id;
  }
}
