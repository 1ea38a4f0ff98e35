package dev.ringgate.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of an API key under the server's pepper. Keys carry 256 random bits, so a fast keyed
 * hash is enough: nobody can search that space, slow hashes would only slow every check-in.
 */
public final class KeyHasher {
  private final ThreadLocal<Mac> macs;

  public KeyHasher(byte[] pepper) {
    SecretKeySpec key = new SecretKeySpec(pepper.clone(), "HmacSHA256");
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
              }
            });
  }

  /** The stored form of {@code key}: 64 lower-case hex digits. */
  public String hash(String key) {
    return HexFormat.of().formatHex(macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8)));
  }
}
