package dev.ringgate.console;

import dev.ringgate.security.Caller;
import java.time.Instant;
import java.util.Objects;

/**
 * A console session: the API key it signed in with (by id, so that revoking the key ends it) or,
 * after an OIDC sign-in, the caller the provider's token stood for ({@code tokenCaller}, with
 * {@code keyId} {@link #OIDC}); when it expires; and the CSRF token every state change must carry.
 */
public record Session(String keyId, Instant expiresAt, String csrf, Caller tokenCaller) {
  /** The {@code keyId} of a session opened by an OIDC sign-in (no API key id starts with '~'). */
  public static final String OIDC = "~oidc";

  public Session {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(csrf, "csrf");
    if (keyId.equals(OIDC) != (tokenCaller != null)) {
      throw new IllegalArgumentException("an OIDC session, and only it, names its caller");
    }
  }

  public Session(String keyId, Instant expiresAt, String csrf) {
    this(keyId, expiresAt, csrf, null);
  }

  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
