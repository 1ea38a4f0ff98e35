package dev.ringgate.account;

import dev.ringgate.account.ApiKeyEvents.ApiKeyCreated;
import dev.ringgate.account.ApiKeyEvents.ApiKeyRevoked;
import dev.ringgate.account.api.ApiKeyView;
import dev.ringgate.account.api.CreateApiKeyRequest;
import dev.ringgate.events.EventRecorder;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.Ids;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.kernel.Violation;
import dev.ringgate.security.Access;
import dev.ringgate.security.ApiKeyRegistry;
import dev.ringgate.security.Caller;
import dev.ringgate.security.RelayVerifier;
import dev.ringgate.security.Role;
import dev.ringgate.store.ChangeFeed;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Creating, listing and revoking API keys (operators only). */
@ApplicationScoped
public class ApiKeyService {
  /** Prefix of every generated key, so that leaked keys are easy to scan for. */
  public static final String KEY_PREFIX = "rg_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final ApiKeyRegistry registry;
  private final EventRecorder events;
  private final ChangeFeed changes;
  private final TimeSource time;

  ApiKeyService(
      Store store,
      ApiKeyRegistry registry,
      EventRecorder events,
      ChangeFeed changes,
      TimeSource time) {
    this.store = store;
    this.registry = registry;
    this.events = events;
    this.changes = changes;
    this.time = time;
  }

  /** A new secret: 256 random bits. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public ApiKeyView create(Caller caller, CreateApiKeyRequest request) {
    Access.requireOperator(caller);
    checkScope(request);
    String secret = newSecret();
    String id = Ids.next("key");
    Instant now = time.now();
    store.inTransaction(
        c -> {
          requireExists(c, AccountKind.VENDOR, "vendorId", request.vendorId());
          requireExists(c, AccountKind.TENANT, "tenantId", request.tenantId());
          ApiKeyStore.insert(
              c,
              key(id, request, now),
              registry.hash(secret),
              RelayVerifier.of(request.role(), secret),
              caller.actor().id());
          events.record(
              c,
              caller.actor(),
              request.reason(),
              new ApiKeyCreated(
                  id, request.role(), request.vendorId(), request.tenantId(), request.label()));
          changes.bump(c);
          return null;
        });
    changes.committed();
    return new ApiKeyView(
        id,
        secret,
        request.role(),
        request.vendorId(),
        request.tenantId(),
        request.label(),
        now,
        null);
  }

  public List<ApiKeyView> list(Caller caller) {
    Access.requireOperator(caller);
    return store.read(ApiKeyStore::all).stream().map(ApiKeyService::view).toList();
  }

  /** Revokes a key; it stops working at once. The last active operator key cannot be revoked. */
  public void revoke(Caller caller, String id, String reason) {
    Access.requireOperator(caller);
    boolean changed =
        store.inTransaction(
            c -> {
              ApiKey key =
                  ApiKeyStore.lock(c, id).orElseThrow(() -> ApiException.notFound("API key", id));
              if (key.revokedAt() != null) {
                return false;
              }
              if (key.role() == Role.OPERATOR && ApiKeyStore.activeOperatorKeys(c) <= 1) {
                throw new ApiException(
                    ErrorCode.CONFLICT,
                    "This is the last active operator key; create another before revoking it.");
              }
              ApiKeyStore.revoke(c, id, time.now());
              events.record(c, caller.actor(), reason, new ApiKeyRevoked(id));
              changes.bump(c);
              return true;
            });
    if (changed) {
      registry.reload();
      changes.committed();
    }
  }

  /** The stored form of a key created by {@code request}. */
  static ApiKey key(String id, CreateApiKeyRequest request, Instant now) {
    return new ApiKey(
        id, request.role(), request.vendorId(), request.tenantId(), request.label(), now, null);
  }

  private static void checkScope(CreateApiKeyRequest request) {
    List<Violation> violations = new ArrayList<>();
    boolean needsVendor = request.role() == Role.VENDOR;
    boolean needsTenant =
        request.role() == Role.FLEET_ADMIN
            || request.role() == Role.DEVICE
            || request.role() == Role.RELAY;
    if (needsVendor && request.vendorId() == null) {
      violations.add(new Violation("vendorId", "is required for a VENDOR key"));
    }
    if (!needsVendor && request.vendorId() != null) {
      violations.add(new Violation("vendorId", "is only allowed for a VENDOR key"));
    }
    if (needsTenant && request.tenantId() == null) {
      violations.add(new Violation("tenantId", "is required for a " + request.role() + " key"));
    }
    if (!needsTenant && request.tenantId() != null) {
      violations.add(
          new Violation("tenantId", "is only allowed for a FLEET_ADMIN, DEVICE or RELAY key"));
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations);
    }
  }

  private static void requireExists(Connection c, AccountKind kind, String field, String id)
      throws SQLException {
    if (id != null && AccountStore.find(c, kind, id).isEmpty()) {
      throw ApiException.invalid(field, "no " + kind.noun() + " has this id");
    }
  }

  private static ApiKeyView view(ApiKey key) {
    return new ApiKeyView(
        key.id(),
        null,
        key.role(),
        key.vendorId(),
        key.tenantId(),
        key.label(),
        key.createdAt(),
        key.revokedAt());
  }
}
