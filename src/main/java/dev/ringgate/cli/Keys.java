package dev.ringgate.cli;

import dev.ringgate.release.domain.Ed25519;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * A vendor's Ed25519 signing key on disk: the private key as PKCS#8 PEM (file mode 0600, as {@code
 * openssl genpkey -algorithm ed25519} writes it), the public key as the API takes it, the standard
 * base64 of its 32 raw bytes.
 */
final class Keys {
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private Keys() {}

  static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java has no Ed25519", e);
    }
  }

  /** The raw 32-byte public key in standard base64: the last 32 bytes of its X.509 form. */
  static String publicKeyBase64(KeyPair pair) {
    byte[] x509 = pair.getPublic().getEncoded();
    return Base64.getEncoder()
        .encodeToString(
            Arrays.copyOfRange(x509, x509.length - Ed25519.PUBLIC_KEY_BYTES, x509.length));
  }

  /** Writes the private key as PEM to a new file readable by its owner only. */
  static void writePrivate(PrivateKey key, Path file) throws IOException {
    String pem =
        BEGIN
            + "\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded())
            + "\n"
            + END
            + "\n";
    Set<java.nio.file.attribute.PosixFilePermission> owner =
        PosixFilePermissions.fromString("rw-------");
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // not a POSIX file system
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Reads a PKCS#8 PEM Ed25519 private key. */
  static PrivateKey readPrivate(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII);
      int from = text.indexOf(BEGIN);
      int to = text.indexOf(END);
      if (from < 0 || to < from) {
        throw new CliException(file + " is not a PEM private key (" + BEGIN + ")");
      }
      byte[] der = Base64.getMimeDecoder().decode(text.substring(from + BEGIN.length(), to));
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new CliException(file + " is not an Ed25519 private key (PKCS#8 PEM)", e);
    }
  }

  /** The standard base64 Ed25519 signature of {@code message}. */
  static String sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(message);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new CliException("cannot sign with this key: " + e.getMessage(), e);
    }
  }
}
