package dev.ringgate.console;

import dev.ringgate.security.ApiKeyRegistry;
import dev.ringgate.security.KeyHasher;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The session cookie: {@code keyId|expiry|csrf}, base64url, and an HMAC of it under a key derived
 * from the API-key pepper, which every replica shares. Nothing is stored on the server, so a
 * session works on whichever replica answers; a cookie that was altered, or has expired, is
 * ignored.
 */
@Singleton
public class SessionCookies {
  /** The cookie's name. */
  public static final String NAME = "ringgate_console";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiKeyRegistry registry;
  private final ConsoleConfig config;
  private volatile KeyHasher mac;

  SessionCookies(ApiKeyRegistry registry, ConsoleConfig config) {
    this.registry = registry;
    this.config = config;
  }

  /** A new session for the key {@code keyId}, starting at {@code now}. */
  public Session open(String keyId, Instant now) {
    byte[] token = new byte[24];
    RANDOM.nextBytes(token);
    return new Session(keyId, now.plus(config.sessionTtl()), B64.encodeToString(token));
  }

  /** The cookie's value for {@code session}. */
  public String encode(Session session) {
    String payload =
        String.join(
            "|",
            session.keyId(),
            Long.toString(session.expiresAt().getEpochSecond()),
            session.csrf());
    String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "." + sign(body);
  }

  /** The session in {@code value}, if it is well formed, signed by us and not expired. */
  public Optional<Session> decode(String value, Instant now) {
    if (value == null || value.length() > 1024) {
      return Optional.empty();
    }
    int dot = value.indexOf('.');
    if (dot < 1) {
      return Optional.empty();
    }
    String body = value.substring(0, dot);
    byte[] given = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, sign(body).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    try {
      String[] parts = new String(B64D.decode(body), StandardCharsets.UTF_8).split("\\|", -1);
      if (parts.length != 3) {
        return Optional.empty();
      }
      Session session =
          new Session(parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1])), parts[2]);
      return session.expired(now) ? Optional.empty() : Optional.of(session);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The {@code Set-Cookie} header value that stores {@code session}. */
  public String setCookie(Session session) {
    long maxAge = Math.max(0, config.sessionTtl().toSeconds());
    return NAME + "=" + encode(session) + attributes() + "; Max-Age=" + maxAge;
  }

  /** The {@code Set-Cookie} header value that removes the session. */
  public String clearCookie() {
    return NAME + "=" + attributes() + "; Max-Age=0";
  }

  private String attributes() {
    return "; Path=/; HttpOnly; SameSite=Strict" + (config.secureCookie() ? "; Secure" : "");
  }

  private String sign(String body) {
    KeyHasher current = mac;
    if (current == null) {
      current = registry.derived("console-session");
      mac = current;
    }
    return current.hash(body);
  }
}
