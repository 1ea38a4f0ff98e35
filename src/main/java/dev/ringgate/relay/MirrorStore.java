package dev.ringgate.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The relay's artifact copies, content-addressed: each file is named by its SHA-256 and appears
 * only once its bytes matched the signed size and SHA-256 (written to a temporary file, forced to
 * disk, then renamed), so that whatever the directory holds under a name was verified.
 */
final class MirrorStore {
  static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
  private static final int BUFFER = 64 * 1024;

  /** Bytes that are not what the vendor signed. */
  static final class Mismatch extends Exception {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message);
    }
  }

  private final Path dir;
  private final Path partial;

  /** Opens the store in {@code dir}; a download cut off by a kill is thrown away. */
  MirrorStore(Path dir) {
    this.dir = dir;
    this.partial = dir.resolve("partial");
    try {
      Files.createDirectories(partial);
      try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(partial)) {
        for (Path leftover : leftovers) {
          Files.deleteIfExists(leftover);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the relay's artifact mirror in " + dir, e);
    }
  }

  /** The verified copy of the artifact with this SHA-256, or null when there is none. */
  Path path(String sha256) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      return null;
    }
    Path file = dir.resolve(sha256);
    return Files.isRegularFile(file) ? file : null;
  }

  /** The SHA-256 of every copy held. */
  Set<String> stored() {
    Set<String> names = new HashSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (SHA256.matcher(name).matches() && Files.isRegularFile(file)) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the relay's artifact mirror", e);
    }
    return names;
  }

  /**
   * Copies {@code in} to the store if it is exactly {@code sizeBytes} long with this SHA-256;
   * otherwise keeps nothing of it and throws {@link Mismatch}. Reads it as a stream: memory stays
   * one buffer whatever the artifact's size.
   */
  void store(String sha256, long sizeBytes, InputStream in) throws IOException, Mismatch {
    if (!SHA256.matcher(sha256).matches()) {
      throw new Mismatch("the signed SHA-256 '" + sha256 + "' is not 64 lower-case hex digits");
    }
    Path temp = Files.createTempFile(partial, sha256.substring(0, 12) + "-", ".part");
    try {
      MessageDigest digest = sha256();
      long size = 0;
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) > 0; ) {
          size += n;
          if (size > sizeBytes) {
            throw new Mismatch("it is larger than the signed " + sizeBytes + " bytes");
          }
          digest.update(buffer, 0, n);
          ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
          while (bytes.hasRemaining()) {
            out.write(bytes);
          }
        }
        out.force(true);
      }
      if (size != sizeBytes) {
        throw new Mismatch("it has " + size + " bytes, not the signed " + sizeBytes);
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(sha256)) {
        throw new Mismatch("its SHA-256 is " + actual + ", not the signed " + sha256);
      }
      try {
        Files.move(temp, dir.resolve(sha256), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot rename " + temp + " atomically", e);
      }
      forceDirectory();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Removes every copy whose SHA-256 is not in {@code referenced}; the SHA-256 of those. */
  List<String> retainOnly(Set<String> referenced) throws IOException {
    List<String> removed = new ArrayList<>();
    for (String sha : stored()) {
      if (!referenced.contains(sha)) {
        Files.deleteIfExists(dir.resolve(sha));
        removed.add(sha);
      }
    }
    return removed;
  }

  /** Makes the rename durable (where the file system lets a directory be forced). */
  private void forceDirectory() {
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException e) {
      // not every file system lets a directory be opened; the rename is atomic either way
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
