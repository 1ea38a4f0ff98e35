package dev.ringgate.security;

import dev.ringgate.store.StateChanged;
import dev.ringgate.store.Store;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * Every active API key, by hash, in memory: a key is verified with one HMAC and one map lookup,
 * never a database round trip. The map is replaced whole after every change to the keys (at once on
 * the replica that made it, within the change-poll interval on the others).
 */
@Singleton
public class ApiKeyRegistry {
  private final Store store;
  private volatile KeyHasher hasher;
  private volatile Map<String, Caller> byHash = Map.of();
  private volatile Map<String, Caller> byId = Map.of();
  private volatile java.util.Set<String> vendors = java.util.Set.of();
  private volatile java.util.Set<String> tenants = java.util.Set.of();

  ApiKeyRegistry(Store store) {
    this.store = store;
  }

  /** Sets the hasher (with the pepper the bootstrap found) and loads the keys; once, at startup. */
  public void init(KeyHasher keyHasher) {
    this.hasher = keyHasher;
    reload();
  }

  /** The caller that {@code key} stands for, if it is an active key. */
  public Optional<Caller> authenticate(String key) {
    KeyHasher current = hasher;
    if (current == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(byHash.get(current.hash(key)));
  }

  /**
   * The caller of the active key whose id is {@code keyId}: a console session names its key by id,
   * so that revoking the key ends the session at once.
   */
  public Optional<Caller> byKeyId(String keyId) {
    return Optional.ofNullable(byId.get(keyId));
  }

  /**
   * A keyed hash for {@code purpose} (such as signing console sessions), derived from the pepper,
   * so that every replica has the same one and it is never the key hash itself.
   */
  public KeyHasher derived(String purpose) {
    return new KeyHasher(java.util.HexFormat.of().parseHex(hasher.hash("derived-key:" + purpose)));
  }

  private static Map<String, Caller> byKeyId(Map<String, Caller> keys) {
    Map<String, Caller> map = new java.util.HashMap<>();
    keys.values().forEach(caller -> map.put(caller.actor().id(), caller));
    return Map.copyOf(map);
  }

  /** The stored hash of a new key. */
  public String hash(String key) {
    return hasher.hash(key);
  }

  void onChange(@Observes StateChanged change) {
    if (hasher != null) {
      reload();
    }
  }

  /**
   * Reloads all active keys from the store. One reload at a time, so that a slow one that read the
   * store earlier never replaces what a later one read (the change poll, a local change and the
   * Kafka consumer's catch-up may reload at once).
   */
  public synchronized void reload() {
    store.read(
        c -> {
          Map<String, Caller> keys = CredentialStore.activeKeys(c);
          byId = byKeyId(keys);
          byHash = keys;
          vendors = CredentialStore.vendorIds(c);
          tenants = CredentialStore.tenantIds(c);
          return null;
        });
  }

  /** Whether the tenant exists (as of the last reload). */
  public boolean tenantExists(String tenantId) {
    return tenants.contains(tenantId);
  }

  /**
   * Why a token's vendor or tenant is not acceptable (it does not exist), or null. Keys cannot name
   * unknown ones; tokens from an identity provider can.
   */
  public String unknownScope(Caller caller) {
    if (caller.vendorId() != null && !vendors.contains(caller.vendorId())) {
      return "vendor '" + caller.vendorId() + "' does not exist";
    }
    if (caller.tenantId() != null && !tenants.contains(caller.tenantId())) {
      return "tenant '" + caller.tenantId() + "' does not exist";
    }
    return null;
  }
}
