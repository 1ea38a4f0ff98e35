package dev.ringgate.console;

import dev.ringgate.security.ApiKeyRegistry;
import dev.ringgate.security.Caller;
import dev.ringgate.security.KeyHasher;
import dev.ringgate.security.Role;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The session cookie: {@code keyId|expiry|csrf} (after an OIDC sign-in {@code
 * ~oidc|expiry|csrf|role|vendor|tenant|subject}), base64url, and an HMAC of it under a key derived
 * from the API-key pepper, which every replica shares. Nothing is stored on the server, so a
 * session works on whichever replica answers; a cookie that was altered, or has expired, is
 * ignored. {@link #seal} and {@link #unseal} sign other short-lived values (the OIDC sign-in's
 * state) under a key of their own.
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
  private volatile KeyHasher sealMac;

  SessionCookies(ApiKeyRegistry registry, ConsoleConfig config) {
    this.registry = registry;
    this.config = config;
  }

  /** A new session for the key {@code keyId}, starting at {@code now}. */
  public Session open(String keyId, Instant now) {
    return new Session(keyId, now.plus(config.sessionTtl()), randomToken());
  }

  /** A new session for the caller an OIDC provider's token stood for, starting at {@code now}. */
  public Session open(Caller tokenCaller, Instant now) {
    return new Session(Session.OIDC, now.plus(config.sessionTtl()), randomToken(), tokenCaller);
  }

  /**
   * The caller of {@code session}: its API key's, while the key is not revoked; or the caller of
   * its OIDC sign-in, while its vendor or tenant exists.
   */
  public Optional<Caller> caller(Session session) {
    if (session.tokenCaller() != null) {
      return registry.unknownScope(session.tokenCaller()) == null
          ? Optional.of(session.tokenCaller())
          : Optional.empty();
    }
    return registry.byKeyId(session.keyId());
  }

  /** A random token of 24 bytes, base64url. */
  static String randomToken() {
    byte[] token = new byte[24];
    RANDOM.nextBytes(token);
    return B64.encodeToString(token);
  }

  /** The cookie's value for {@code session}. */
  public String encode(Session session) {
    String payload =
        String.join(
            "|",
            session.keyId(),
            Long.toString(session.expiresAt().getEpochSecond()),
            session.csrf());
    Caller who = session.tokenCaller();
    if (who != null) {
      payload =
          String.join(
              "|",
              payload,
              who.role().name(),
              who.vendorId() == null ? "" : who.vendorId(),
              who.tenantId() == null ? "" : who.tenantId(),
              B64.encodeToString(who.actor().id().getBytes(StandardCharsets.UTF_8)));
    }
    String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "." + sign(body);
  }

  /** The session in {@code value}, if it is well formed, signed by us and not expired. */
  public Optional<Session> decode(String value, Instant now) {
    if (value == null || value.length() > 2048) {
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
      Instant expiry = parts.length > 1 ? Instant.ofEpochSecond(Long.parseLong(parts[1])) : null;
      Session session;
      if (parts.length == 3 && !parts[0].equals(Session.OIDC)) {
        session = new Session(parts[0], expiry, parts[2]);
      } else if (parts.length == 7 && parts[0].equals(Session.OIDC)) {
        Caller who =
            Caller.of(
                Role.valueOf(parts[3]),
                parts[4].isEmpty() ? null : parts[4],
                parts[5].isEmpty() ? null : parts[5],
                new String(B64D.decode(parts[6]), StandardCharsets.UTF_8));
        session = new Session(parts[0], expiry, parts[2], who);
      } else {
        return Optional.empty();
      }
      return session.expired(now) ? Optional.empty() : Optional.of(session);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code payload} (no longer than 1 KiB) with a signature of its own, as a cookie value. */
  public String seal(String payload) {
    String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "." + sealMac().hash(body);
  }

  /** The payload of a value {@link #seal} made, if it was not altered. */
  public Optional<String> unseal(String value) {
    if (value == null || value.length() > 2048) {
      return Optional.empty();
    }
    int dot = value.indexOf('.');
    if (dot < 1) {
      return Optional.empty();
    }
    String body = value.substring(0, dot);
    byte[] given = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, sealMac().hash(body).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(B64D.decode(body), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private KeyHasher sealMac() {
    KeyHasher current = sealMac;
    if (current == null) {
      current = registry.derived("console-oidc-state");
      sealMac = current;
    }
    return current;
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
