package dev.ringgate.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Small files of the agent's state directory, written so that a kill at any moment leaves either
 * the old content or the new one: the new content goes to a temporary file beside the target, is
 * forced to disk, and replaces the target with an atomic rename.
 */
public final class StateFiles {
  private StateFiles() {}

  /** The file's text, or null when it does not exist. */
  public static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Replaces {@code file}'s content with {@code text} atomically and durably. */
  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".part");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      move(temp, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Renames {@code from} to {@code to} atomically, replacing it. */
  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // ATOMIC_MOVE replaces an existing target on POSIX; where it cannot, fail loudly rather
      // than leave a window with no file at all.
      throw new IOException("the file system cannot rename " + from + " atomically", e);
    }
  }
}
