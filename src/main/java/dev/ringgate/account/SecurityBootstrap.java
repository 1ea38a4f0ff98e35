package dev.ringgate.account;

import dev.ringgate.account.ApiKeyEvents.ApiKeyCreated;
import dev.ringgate.account.ApiKeyEvents.OperatorKeyRotated;
import dev.ringgate.account.api.CreateApiKeyRequest;
import dev.ringgate.events.EventRecorder;
import dev.ringgate.kernel.Actor;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.security.ApiKeyRegistry;
import dev.ringgate.security.KeyHasher;
import dev.ringgate.security.Role;
import dev.ringgate.store.ChangeFeed;
import dev.ringgate.store.Store;
import dev.ringgate.store.StoreException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * First-start security setup: the pepper of the API-key hashes ({@link KeyPepper}), and the
 * operator key, taken from {@code RINGGATE_OPERATOR_KEY} or generated into {@code <data
 * dir>/operator.key} (mode 0600). The log says where the key is, never the key. An edge relay
 * ({@code ringgate.relay.enabled}) gets no operator key unless {@code RINGGATE_OPERATOR_KEY} gives
 * one (nor a stored pepper): it serves no operator API, and its disk is the customer's.
 */
@ApplicationScoped
public class SecurityBootstrap {
  /** Where the generated operator key is written, in the data directory. */
  public static Path operatorKeyFile(Path dataDir) {
    return dataDir.resolve("operator.key").toAbsolutePath().normalize();
  }

  /** The id of the operator key that the first start creates. */
  public static final String OPERATOR_KEY_ID = "operator-bootstrap";

  static final int MIN_OPERATOR_KEY_LENGTH = 32;
  private static final Logger LOG = Logger.getLogger(SecurityBootstrap.class);

  private final Store store;
  private final ApiKeyRegistry registry;
  private final EventRecorder events;
  private final TimeSource time;
  private final KeyPepper pepper;
  private final ChangeFeed changes;
  private final Optional<String> operatorKey;
  private final Path dataDir;
  private final boolean relay;

  SecurityBootstrap(
      Store store,
      ApiKeyRegistry registry,
      EventRecorder events,
      TimeSource time,
      KeyPepper pepper,
      ChangeFeed changes,
      @ConfigProperty(name = "ringgate.operator-key") Optional<String> operatorKey,
      @ConfigProperty(name = "ringgate.data-dir") Path dataDir,
      @ConfigProperty(name = "ringgate.relay.enabled", defaultValue = "false") boolean relay) {
    this.store = store;
    this.registry = registry;
    this.events = events;
    this.time = time;
    this.pepper = pepper;
    this.changes = changes;
    this.operatorKey = operatorKey.filter(k -> !k.isBlank());
    this.dataDir = dataDir;
    this.relay = relay;
  }

  void onStart(@Observes @Priority(10) StartupEvent event) {
    boolean keyless = relay && operatorKey.isEmpty();
    registry.init(new KeyHasher(keyless ? pepper.unstored() : pepper.pepper()));
    ensureOperatorKey();
    registry.reload();
  }

  private void ensureOperatorKey() {
    if (operatorKey.isPresent()) {
      String key = operatorKey.get();
      if (key.length() < MIN_OPERATOR_KEY_LENGTH) {
        throw new IllegalStateException(
            "RINGGATE_OPERATOR_KEY must be at least " + MIN_OPERATOR_KEY_LENGTH + " characters");
      }
      String hash = registry.hash(key);
      boolean rotated = retryOnce(() -> store.inTransaction(c -> upsertFromEnvironment(c, hash)));
      if (rotated) {
        changes.committed();
      }
      LOG.info("Operator key: taken from RINGGATE_OPERATOR_KEY.");
      return;
    }
    if (relay) {
      LOG.info("Operator key: none on a relay (RINGGATE_OPERATOR_KEY is not set).");
      return;
    }
    Path file = operatorKeyFile(dataDir);
    boolean created = retryOnce(() -> store.inTransaction(c -> createIfAbsent(c, file)));
    if (created) {
      LOG.infof("Operator key: generated and written to %s (mode 0600).", file);
    } else if (Files.exists(file) && fileMatchesStoredKey(file)) {
      LOG.infof("Operator key: kept in %s.", file);
    } else if (Files.exists(file)) {
      LOG.warnf(
          "Operator key: %s no longer holds the bootstrap key (it was replaced through"
              + " RINGGATE_OPERATOR_KEY); set that variable again to use it.",
          file);
    } else {
      LOG.warnf(
          "Operator key: the bootstrap key exists but %s is missing; set RINGGATE_OPERATOR_KEY"
              + " to replace it.",
          file);
    }
  }

  private static <T> T retryOnce(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (StoreException e) {
      // a replica starting at the same moment won the insert: run again against its row
      return work.get();
    }
  }

  private boolean fileMatchesStoredKey(Path file) {
    try {
      String hash = registry.hash(Files.readString(file).trim());
      return store.read(c -> ApiKeyStore.isActiveWithHash(c, OPERATOR_KEY_ID, hash));
    } catch (IOException e) {
      return false;
    }
  }

  private Boolean upsertFromEnvironment(Connection c, String hash) throws SQLException {
    Optional<String> current = ApiKeyStore.lockHash(c, OPERATOR_KEY_ID);
    if (current.isEmpty()) {
      insertOperatorKey(c, hash, "from RINGGATE_OPERATOR_KEY");
      return false;
    } else if (!current.get().equals(hash)) {
      ApiKeyStore.replaceHash(c, OPERATOR_KEY_ID, hash);
      events.record(
          c,
          Actor.BOOTSTRAP,
          "RINGGATE_OPERATOR_KEY changed",
          new OperatorKeyRotated(OPERATOR_KEY_ID));
      changes.bump(c);
      return true;
    }
    return false;
  }

  private boolean createIfAbsent(Connection c, Path file) throws SQLException {
    if (ApiKeyStore.exists(c, OPERATOR_KEY_ID)) {
      return false;
    }
    String key = ApiKeyService.newSecret();
    insertOperatorKey(c, registry.hash(key), "generated at first start");
    writeKeyFile(file, key);
    return true;
  }

  private void insertOperatorKey(Connection c, String hash, String reason) throws SQLException {
    CreateApiKeyRequest request =
        new CreateApiKeyRequest(Role.OPERATOR, null, null, "bootstrap operator key", reason);
    ApiKeyStore.insert(
        c, ApiKeyService.key(OPERATOR_KEY_ID, request, time.now()), hash, Actor.BOOTSTRAP.id());
    events.record(
        c,
        Actor.BOOTSTRAP,
        reason,
        new ApiKeyCreated(OPERATOR_KEY_ID, Role.OPERATOR, null, null, request.label()));
  }

  static void writeKeyFile(Path file, String key) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling("operator.key.tmp");
      Files.deleteIfExists(temp);
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, key + "\n", StandardCharsets.UTF_8);
      Files.move(
          temp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the operator key to " + file, e);
    }
  }
}
