package dev.ringgate.agent;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * Which version of the product runs, which one ran before it (kept for a revert), and since when:
 * the state directory's {@code current} file, replaced atomically on every switch so that a kill
 * never leaves a half-switched device. The versions' files are under {@code versions/<version>/}.
 */
public final class InstalledVersions {
  private final Path stateDir;

  public InstalledVersions(Path stateDir) {
    this.stateDir = stateDir;
  }

  /** What the {@code current} file says. */
  public record State(String current, String previous, Instant switchedAt) {}

  public State state() {
    String text = StateFiles.read(stateDir.resolve("current"));
    if (text == null) {
      return new State(null, null, null);
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String at = p.getProperty("switchedAt");
    return new State(
        p.getProperty("version"), p.getProperty("previous"), at == null ? null : Instant.parse(at));
  }

  /** The version running now, or null on a new device. */
  public String current() {
    return state().current();
  }

  /** The version to go back to, or null. */
  public String previous() {
    return state().previous();
  }

  /** Where {@code version}'s files are kept. */
  public Path dir(String version) {
    return stateDir.resolve("versions").resolve(version);
  }

  /** Makes {@code version} the current one, keeping the one it replaces as the previous. */
  public void switchTo(String version, Instant now) {
    State state = state();
    String previous =
        state.current() == null || state.current().equals(version)
            ? state.previous()
            : state.current();
    write(new State(version, previous, now));
  }

  /**
   * Goes back to the previous version; the one left is not kept as a revert target.
   *
   * @return the version now current, or null when there is no previous version
   */
  public String revert(Instant now) {
    State state = state();
    if (state.previous() == null) {
      return null;
    }
    write(new State(state.previous(), null, now));
    return state.previous();
  }

  private void write(State state) {
    Properties p = new Properties();
    p.setProperty("version", state.current());
    if (state.previous() != null) {
      p.setProperty("previous", state.previous());
    }
    p.setProperty("switchedAt", state.switchedAt().toString());
    StringWriter text = new StringWriter();
    try {
      p.store(text, "the product version this device runs; written by the Ringgate agent");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StateFiles.write(stateDir.resolve("current"), text.toString());
  }
}
