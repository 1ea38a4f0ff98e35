package dev.ringgate.release;

import dev.ringgate.events.EventRecorder;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.Patterns;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.release.ReleaseEvents.SigningKeyRegistered;
import dev.ringgate.release.api.SigningKeyRequest;
import dev.ringgate.release.api.SigningKeyView;
import dev.ringgate.release.domain.Ed25519;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Vendors' public signing keys, scoped to their vendor. */
@ApplicationScoped
public class SigningKeyService {
  private final Store store;
  private final EventRecorder events;
  private final TimeSource time;

  SigningKeyService(Store store, EventRecorder events, TimeSource time) {
    this.store = store;
    this.events = events;
    this.time = time;
  }

  /** Registers the key, or replaces the public key under the same id. */
  public SigningKeyView put(
      Caller caller, String vendorId, String keyId, SigningKeyRequest request) {
    Access.requireVendor(caller, vendorId, "vendor", vendorId);
    if (!keyId.matches(Patterns.ID)) {
      throw ApiException.invalid("keyId", Patterns.ID_MESSAGE);
    }
    decodePublicKey(request.publicKey());
    Instant now = time.now();
    return store.inTransaction(
        c -> {
          Optional<SigningKeyView> existing = find(c, vendorId, keyId);
          if (existing.isPresent()) {
            SigningKeyStore.replace(
                c, vendorId, keyId, request.algorithm(), request.publicKey(), now);
          } else {
            SigningKeyStore.insert(
                c, vendorId, keyId, request.algorithm(), request.publicKey(), now);
          }
          events.record(
              c,
              caller.actor(),
              request.reason(),
              new SigningKeyRegistered(
                  vendorId,
                  keyId,
                  request.algorithm().name(),
                  request.publicKey(),
                  existing.isPresent()));
          return find(c, vendorId, keyId).orElseThrow();
        });
  }

  public List<SigningKeyView> list(Caller caller, String vendorId) {
    Access.requireVendor(caller, vendorId, "vendor", vendorId);
    return store.read(c -> SigningKeyStore.list(c, vendorId)).stream()
        .map(SigningKeyService::view)
        .toList();
  }

  /** The raw public key of {@code keyId}, in {@code c}'s transaction. */
  static Optional<byte[]> publicKey(Connection c, String vendorId, String keyId)
      throws SQLException {
    return find(c, vendorId, keyId).map(k -> Base64.getDecoder().decode(k.publicKey()));
  }

  private static Optional<SigningKeyView> find(Connection c, String vendorId, String keyId)
      throws SQLException {
    return SigningKeyStore.find(c, vendorId, keyId).map(SigningKeyService::view);
  }

  private static void decodePublicKey(String base64) {
    byte[] raw;
    try {
      if (base64.length() % 4 != 0) {
        throw new IllegalArgumentException("padding");
      }
      raw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("publicKey", "must be standard base64 (with padding)");
    }
    if (raw.length != Ed25519.PUBLIC_KEY_BYTES) {
      throw ApiException.invalid(
          "publicKey", "must be the raw 32-byte Ed25519 public key, not " + raw.length + " bytes");
    }
    try {
      Ed25519.publicKey(raw);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(
          "publicKey", "is not an acceptable Ed25519 public key: it " + e.getMessage());
    }
  }

  private static SigningKeyView view(SigningKeyStore.SigningKey key) {
    return new SigningKeyView(
        key.vendorId(),
        key.keyId(),
        key.algorithm(),
        key.publicKey(),
        key.createdAt(),
        key.updatedAt());
  }
}
