package dev.ringgate.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an edge relay checks a tenant's DEVICE and FLEET_ADMIN keys against: SHA-256 of the key
 * under a fixed label, computed when the key is created (the only time the service sees it in
 * clear). Keys carry 256 random bits, so a verifier can be neither inverted nor searched: a relay's
 * disk reveals no key and lets nobody mint one. It is unrelated to the service's own stored hash
 * (an HMAC under the pepper, which never leaves the service), so a relay needs no secret of the
 * service's, and a verifier is useless against the service itself.
 */
public final class RelayVerifier {
  private static final byte[] LABEL =
      "ringgate relay verifier v1\u0000".getBytes(StandardCharsets.UTF_8);

  private RelayVerifier() {}

  /** The verifier of {@code key}: 64 lower-case hex digits. */
  public static String of(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(LABEL);
      return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The verifier a new key of {@code role} keeps for relays; null for roles relays never see. */
  public static String of(Role role, String key) {
    return role == Role.DEVICE || role == Role.FLEET_ADMIN ? of(key) : null;
  }
}
