package dev.ringgate.account;

import dev.ringgate.security.SecurityConfig;
import dev.ringgate.store.Store;
import dev.ringgate.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The pepper of the API-key hashes: {@code ringgate.security.key-pepper} when set, else a random
 * one created at the first start and kept in the store, the same for every replica.
 */
@ApplicationScoped
class KeyPepper {
  private static final String PEPPER_SETTING = "api-key-pepper";

  private final Store store;
  private final SecurityConfig config;

  KeyPepper(Store store, SecurityConfig config) {
    this.store = store;
    this.config = config;
  }

  byte[] pepper() {
    return config
        .keyPepper()
        .map(p -> p.getBytes(StandardCharsets.UTF_8))
        .orElseGet(() -> Base64.getDecoder().decode(storedPepper()));
  }

  /**
   * The configured pepper, else a random one for this process only: for a process that keeps no API
   * keys of its own (an edge relay), so that nothing is written to its store.
   */
  byte[] unstored() {
    return config
        .keyPepper()
        .map(p -> p.getBytes(StandardCharsets.UTF_8))
        .orElseGet(
            () -> {
              byte[] bytes = new byte[32];
              new SecureRandom().nextBytes(bytes);
              return bytes;
            });
  }

  private String storedPepper() {
    try {
      return readOrCreatePepper();
    } catch (StoreException e) {
      // another replica created it at the same moment: read theirs
      return readOrCreatePepper();
    }
  }

  private String readOrCreatePepper() {
    return store.inTransaction(
        c -> {
          Optional<String> existing = ApiKeyStore.setting(c, PEPPER_SETTING);
          if (existing.isPresent()) {
            return existing.get();
          }
          byte[] bytes = new byte[32];
          new SecureRandom().nextBytes(bytes);
          String value = Base64.getEncoder().encodeToString(bytes);
          ApiKeyStore.insertSetting(c, PEPPER_SETTING, value);
          return value;
        });
  }
}
