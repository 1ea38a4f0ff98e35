package dev.ringgate.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.checkin.CheckinConfig;
import dev.ringgate.checkin.SnapshotHolder;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.security.Access;
import dev.ringgate.security.ApiKeyRegistry;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The upstream's side of relay sync: a tenant's signed sync document, and a long poll that answers
 * as soon as it changes (a halt reaches a relay within the snapshot rebuild plus one check, about
 * 50 ms), or 304 when nothing changed within the wait.
 */
@ApplicationScoped
public class SyncService {
  /** The longest a relay may ask the upstream to hold a sync request. */
  public static final int MAX_WAIT_SECONDS = 30;

  private static final long CHECK_MILLIS = 50;

  private final SnapshotHolder snapshots;
  private final Store store;
  private final CheckinConfig checkin;
  private final RelayConfig config;
  private final UpstreamSigningKey signingKey;
  private final ApiKeyRegistry keys;
  private final ObjectMapper json;
  private final TimeSource time;

  SyncService(
      SnapshotHolder snapshots,
      Store store,
      CheckinConfig checkin,
      RelayConfig config,
      UpstreamSigningKey signingKey,
      ApiKeyRegistry keys,
      ObjectMapper json,
      TimeSource time) {
    this.snapshots = snapshots;
    this.store = store;
    this.checkin = checkin;
    this.config = config;
    this.signingKey = signingKey;
    this.keys = keys;
    this.json = json;
    this.time = time;
  }

  /** A sync answer: the signed document, or null for 304; its ETag either way. */
  public record Answer(SignedSync document, String etag) {}

  /**
   * The caller's tenant's document; when {@code ifNoneMatch} names the current one, waits up to
   * {@code waitSeconds} for a change first.
   */
  public Answer sync(Caller caller, String ifNoneMatch, int waitSeconds) {
    Access.requireRole(caller, Role.RELAY);
    if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
      throw ApiException.invalid("wait", "must be between 0 and " + MAX_WAIT_SECONDS);
    }
    String tenantId = caller.tenantId();
    long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
    while (true) {
      Snapshot snapshot = snapshots.current();
      List<SyncDocument.Key> tenantKeys = store.read(c -> RelayStore.tenantKeys(c, tenantId));
      List<SyncDocument.Product> products = SnapshotCodec.products(snapshot, tenantId);
      String etag = etag(products, tenantKeys);
      if (ifNoneMatch == null || !ifNoneMatch.equals(etag)) {
        return new Answer(sign(snapshot, tenantId, products, tenantKeys), etag);
      }
      if (!waitForChange(snapshot.storeVersion(), deadline)) {
        return new Answer(null, etag);
      }
      if (keys.byKeyId(caller.actor().id()).isEmpty()) {
        throw new ApiException(ErrorCode.UNAUTHENTICATED, "The API key was revoked.");
      }
    }
  }

  /** Whether the snapshot changed before the deadline. */
  private boolean waitForChange(long version, long deadline) {
    while (System.nanoTime() < deadline) {
      if (snapshots.current().storeVersion() != version) {
        return true;
      }
      try {
        Thread.sleep(CHECK_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private SignedSync sign(
      Snapshot snapshot,
      String tenantId,
      List<SyncDocument.Product> products,
      List<SyncDocument.Key> tenantKeys) {
    Instant now = time.now();
    SyncDocument document =
        new SyncDocument(
            tenantId,
            snapshot.storeVersion(),
            now,
            now.plus(config.snapshotValidity()),
            checkin.pollSeconds(),
            checkin.installPollSeconds(),
            products,
            tenantKeys);
    return signingKey.sign(write(document));
  }

  /** A strong ETag over what the relay decides from (not the times): same inputs, same tag. */
  private String etag(List<SyncDocument.Product> products, List<SyncDocument.Key> tenantKeys) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(write(products).getBytes(StandardCharsets.UTF_8));
      sha.update(write(tenantKeys).getBytes(StandardCharsets.UTF_8));
      sha.update((checkin.pollSeconds() + "/" + checkin.installPollSeconds()).getBytes());
      return '"' + HexFormat.of().formatHex(sha.digest(), 0, 16) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a sync document", e);
    }
  }
}
