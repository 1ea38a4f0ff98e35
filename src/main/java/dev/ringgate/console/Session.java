package dev.ringgate.console;

import java.time.Instant;
import java.util.Objects;

/**
 * A console session: the API key it signed in with (by id, so that revoking the key ends it), when
 * it expires, and the CSRF token every state change must carry.
 */
public record Session(String keyId, Instant expiresAt, String csrf) {
  public Session {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(csrf, "csrf");
  }

  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
