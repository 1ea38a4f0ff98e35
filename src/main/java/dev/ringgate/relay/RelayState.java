package dev.ringgate.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.agent.StateFiles;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.relay.domain.LocalRules;
import dev.ringgate.rollout.domain.Admission;
import dev.ringgate.security.Caller;
import dev.ringgate.security.RelayVerifier;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What a relay decides from: the last verified sync document (kept on disk, its signature checked
 * again on load), when the upstream was last reached, and the local rules (stop, withdrawals, also
 * on disk). Reads are lock-free; the snapshot with the local rules applied is cached until one of
 * its inputs changes.
 */
@Singleton
public class RelayState {
  private static final Logger LOG = Logger.getLogger(RelayState.class);

  /** The synced document, the snapshot made of it, and the keys it lets in. */
  public record Synced(
      SyncDocument document,
      Snapshot snapshot,
      Map<String, Caller> keys,
      String etag,
      SignedSync signed) {}

  /**
   * The local rules, as kept in {@code local.json}.
   *
   * @param pins the version each pinned product is held at, by product id
   */
  public record Local(
      boolean stopped,
      String stopReason,
      Set<String> withdrawn,
      Instant freezeUntil,
      Map<String, String> pins) {
    public Local {
      withdrawn = Set.copyOf(withdrawn);
      pins = pins == null ? Map.of() : Map.copyOf(pins);
    }
  }

  private record Cached(Synced synced, Local local, long frozenAt, Snapshot snapshot) {}

  private final RelayConfig config;
  private final ObjectMapper json;
  private final Path dir;
  private volatile Synced synced;
  private volatile Local local = new Local(false, null, Set.of(), null, Map.of());
  private volatile long syncedAtMillis;
  private volatile long contactMillis;
  private volatile boolean refused;
  private volatile Cached cached;
  private volatile long savedAtMillis;
  private static final long SAVE_CONTACT_MILLIS = 60_000;

  RelayState(
      RelayConfig config,
      ObjectMapper json,
      @ConfigProperty(name = "ringgate.data-dir") Path dataDir) {
    this.config = config;
    this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    this.dir = dataDir.resolve("relay");
  }

  Path dir() {
    return dir;
  }

  /** Loads what the data directory holds: the last document (verified again) and local rules. */
  void load() {
    String local = StateFiles.read(dir.resolve("local.json"));
    if (local != null) {
      this.local = read(local, Local.class);
    }
    String saved = StateFiles.read(dir.resolve("sync.json"));
    String trusted = trustedKey();
    if (saved == null || trusted == null) {
      return;
    }
    try {
      Saved stored = read(saved, Saved.class);
      accept(stored.signed(), stored.etag(), false);
      syncedAtMillis = stored.syncedAtMillis();
      contactMillis = stored.syncedAtMillis();
      savedAtMillis = stored.syncedAtMillis();
      LOG.infof(
          "relay: serving the verified snapshot of %s until the upstream answers",
          Instant.ofEpochMilli(syncedAtMillis));
    } catch (RuntimeException e) {
      LOG.errorf("relay: the stored snapshot is refused (%s); waiting for a sync", e.getMessage());
    }
  }

  private record Saved(SignedSync signed, String etag, long syncedAtMillis) {}

  /** The upstream's public key the relay trusts: configured, or pinned at the first sync. */
  String trustedKey() {
    return config.upstreamPublicKey().orElseGet(() -> StateFiles.read(dir.resolve("upstream.pub")));
  }

  /**
   * Verifies and takes a signed document from the upstream, and keeps it on disk. Refuses one that
   * does not verify, is for another tenant, or is older than the one held (a replay).
   */
  synchronized void accept(SignedSync signed, String etag, boolean fresh) {
    String trusted = trustedKey();
    if (trusted == null && fresh) {
      trusted = signed.publicKey();
      StateFiles.write(dir.resolve("upstream.pub"), trusted);
      LOG.infof("relay: trusting the upstream's sync key %s from now on", trusted);
    }
    SyncDocument document = read(signed.verifiedJson(trusted), SyncDocument.class);
    Synced current = synced;
    if (current != null) {
      if (!current.document().tenantId().equals(document.tenantId())) {
        throw new SecurityException("the document is for another tenant");
      }
      if (document.issuedAt().isBefore(current.document().issuedAt())) {
        throw new SecurityException("the document is older than the one held");
      }
    }
    Map<String, Caller> keys = new HashMap<>();
    for (SyncDocument.Key key : document.keys()) {
      keys.put(key.verifier(), Caller.of(key.role(), null, document.tenantId(), key.id()));
    }
    synced = new Synced(document, SnapshotCodec.snapshot(document), Map.copyOf(keys), etag, signed);
    if (fresh) {
      contact();
      save();
    }
  }

  /** The upstream answered (a document, or 304: nothing changed). */
  void contact() {
    long now = System.currentTimeMillis();
    contactMillis = now;
    syncedAtMillis = now;
    refused = false;
    if (now - savedAtMillis > SAVE_CONTACT_MILLIS) {
      save();
    }
  }

  /** Keeps the document and the time of the last sync on disk, for a restart. */
  private synchronized void save() {
    Synced s = synced;
    if (s != null) {
      StateFiles.write(
          dir.resolve("sync.json"), write(new Saved(s.signed(), s.etag(), syncedAtMillis)));
      savedAtMillis = syncedAtMillis;
    }
  }

  /** The upstream refused the relay's key (401/403): decisions stop until it accepts it again. */
  void refused() {
    refused = true;
  }

  public boolean isRefused() {
    return refused;
  }

  public Synced synced() {
    return synced;
  }

  /** When the last sync succeeded (0: never). */
  public long syncedAtMillis() {
    return syncedAtMillis;
  }

  /** Whether the upstream has not been reached for longer than the offline threshold. */
  public boolean offline(long nowMillis) {
    return nowMillis - contactMillis > config.offlineAfter().toMillis();
  }

  /** Whether the relay is past its maximum staleness (or its document's expiry). */
  public boolean stale(long nowMillis) {
    Synced s = synced;
    return s == null
        || nowMillis - syncedAtMillis > config.maxStaleness().toMillis()
        || nowMillis > s.document().expiresAt().toEpochMilli();
  }

  /** The caller a key stands for on this relay, if it is one of the tenant's. */
  public Caller caller(String key) {
    Synced s = synced;
    return s == null ? null : s.keys().get(RelayVerifier.of(key));
  }

  public Local local() {
    return local;
  }

  synchronized void local(Local next) {
    StateFiles.write(dir.resolve("local.json"), write(next));
    local = next;
  }

  /** Withdraws a release locally (the fast path); false when it already was. */
  synchronized boolean withdraw(String releaseId) {
    if (local.withdrawn().contains(releaseId)) {
      return false;
    }
    Set<String> withdrawn = new HashSet<>(local.withdrawn());
    withdrawn.add(releaseId);
    local(
        new Local(
            local.stopped(), local.stopReason(), withdrawn, local.freezeUntil(), local.pins()));
    return true;
  }

  /** The snapshot to decide on now: the synced one, narrowed by the local rules. */
  public Snapshot decisionSnapshot(long nowMillis) {
    Synced s = synced;
    Local l = local;
    long frozenAt = offline(nowMillis) ? contactMillis : Admission.NOT_FROZEN;
    Cached c = cached;
    if (c != null && c.synced() == s && c.local() == l && c.frozenAt() == frozenAt) {
      return c.snapshot();
    }
    Snapshot snapshot =
        LocalRules.apply(s.snapshot(), l.stopped(), l.freezeUntil(), frozenAt, l.withdrawn());
    cached = new Cached(s, l, frozenAt, snapshot);
    return snapshot;
  }

  private <T> T read(String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read relay state: " + e.getOriginalMessage(), e);
    }
  }

  String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
