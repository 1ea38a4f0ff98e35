package dev.ringgate.release;

import dev.ringgate.events.EventRecorder;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.release.ReleaseEvents.ReleasePublished;
import dev.ringgate.release.ReleaseEvents.ReleaseRevoked;
import dev.ringgate.release.ReleaseRollouts.RolloutRef;
import dev.ringgate.release.api.PublishReleaseRequest;
import dev.ringgate.release.api.ReleaseView;
import dev.ringgate.release.domain.Ed25519;
import dev.ringgate.release.domain.Product;
import dev.ringgate.release.domain.Release;
import dev.ringgate.release.domain.Version;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.store.ChangeFeed;
import dev.ringgate.store.Store;
import dev.ringgate.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Publishing, listing and revoking releases. */
@ApplicationScoped
public class ReleaseService {
  private final Store store;
  private final ProductService products;
  private final ReleaseStore releases;
  private final ReleaseRollouts rollouts;
  private final EventRecorder events;
  private final ChangeFeed changes;
  private final TimeSource time;

  ReleaseService(
      Store store,
      ProductService products,
      ReleaseStore releases,
      ReleaseRollouts rollouts,
      EventRecorder events,
      ChangeFeed changes,
      TimeSource time) {
    this.store = store;
    this.products = products;
    this.releases = releases;
    this.rollouts = rollouts;
    this.events = events;
    this.changes = changes;
    this.time = time;
  }

  /** The answer to a publish: the release, and whether this call created it. */
  public record Published(ReleaseView release, boolean created) {}

  /**
   * Publishes a release with its rollout pending. Publishing the same content again answers the
   * existing release; other content under the same version is a conflict.
   */
  public Published publish(Caller caller, String productId, PublishReleaseRequest request) {
    Published published;
    try {
      published = store.inTransaction(c -> publish(c, caller, productId, request));
    } catch (StoreException e) {
      if (!e.isUniqueViolation()) {
        throw e;
      }
      // A concurrent identical publish won the race: answer as a re-publish.
      published = store.inTransaction(c -> publish(c, caller, productId, request));
    }
    if (published.created()) {
      changes.committed();
    }
    return published;
  }

  private Published publish(
      Connection c, Caller caller, String productId, PublishReleaseRequest request)
      throws SQLException {
    Product product = products.owned(c, caller, productId);
    Version version = ReleaseRequests.validate(product, request);
    byte[] signature = Base64.getDecoder().decode(request.signature().value());
    Release candidate = ReleaseRequests.candidate(productId, request, time.now());
    byte[] publicKey =
        SigningKeyService.publicKey(c, product.vendorId(), request.signature().keyId())
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.UNKNOWN_SIGNING_KEY,
                        "signature.keyId: vendor '"
                            + product.vendorId()
                            + "' has no signing key '"
                            + request.signature().keyId()
                            + "'."));
    if (!Ed25519.verify(publicKey, SignedReleases.canonicalBytes(candidate.signed()), signature)) {
      throw new ApiException(
          ErrorCode.BAD_SIGNATURE,
          "The Ed25519 signature of key '"
              + request.signature().keyId()
              + "' does not verify over the release's canonical metadata (see docs/security.md).");
    }
    Optional<Release> existing = releases.findByVersionKey(c, productId, version.normalized());
    if (existing.isPresent()) {
      return republish(c, existing.get(), candidate);
    }
    releases.insert(c, candidate, version.normalized());
    RolloutRef rollout =
        rollouts.createPending(
            c, candidate, product, caller.actor(), request.reason(), candidate.createdAt());
    events.record(
        c,
        caller.actor(),
        request.reason(),
        new ReleasePublished(
            candidate.id(),
            productId,
            candidate.version(),
            candidate.platforms(),
            candidate.requiresAgentVersion(),
            candidate.artifact().sha256(),
            candidate.signatureKeyId(),
            rollout.id()));
    changes.bump(c);
    return new Published(ReleaseView.of(candidate, rollout.id(), rollout.state()), true);
  }

  private Published republish(Connection c, Release existing, Release candidate)
      throws SQLException {
    boolean identical =
        existing.version().equals(candidate.version())
            && java.util.Arrays.equals(
                SignedReleases.canonicalBytes(existing.signed()),
                SignedReleases.canonicalBytes(candidate.signed()))
            && Objects.equals(existing.notes(), candidate.notes());
    if (!identical) {
      throw new ApiException(
          ErrorCode.CONFLICT,
          "Version "
              + existing.version()
              + " of "
              + existing.productId()
              + " was already published with other content (release "
              + existing.id()
              + "); releases are never edited: publish a new version.");
    }
    RolloutRef rollout = rollouts.ofRelease(c, existing.id()).orElseThrow();
    return new Published(ReleaseView.of(existing, rollout.id(), rollout.state()), false);
  }

  public ReleaseView get(Caller caller, String releaseId) {
    return store.read(
        c -> {
          Release release = readable(c, caller, releaseId);
          return view(c, release);
        });
  }

  public List<ReleaseView> list(Caller caller, String productId, String before, int limit) {
    return store.read(
        c -> {
          products.readable(c, caller, productId);
          List<ReleaseView> views = new ArrayList<>();
          for (Release release : releases.list(c, productId, before, limit)) {
            views.add(view(c, release));
          }
          return views;
        });
  }

  /** Revokes a release: it is never served again. Revoking twice changes nothing. */
  public ReleaseView revoke(Caller caller, String releaseId, String reason) {
    boolean[] changed = {false};
    ReleaseView view =
        store.inTransaction(
            c -> {
              Release release = owned(c, caller, releaseId);
              if (releases.revoke(c, releaseId, reason, time.now())) {
                events.record(
                    c,
                    caller.actor(),
                    reason,
                    new ReleaseRevoked(
                        releaseId,
                        release.productId(),
                        release.version(),
                        rollouts.ofRelease(c, releaseId).map(RolloutRef::id).orElse(null)));
                changes.bump(c);
                changed[0] = true;
              }
              return view(c, releases.find(c, releaseId).orElseThrow());
            });
    if (changed[0]) {
      changes.committed();
    }
    return view;
  }

  private Release owned(Connection c, Caller caller, String releaseId) throws SQLException {
    Access.requireRole(caller, Role.VENDOR);
    Release release =
        releases.find(c, releaseId).orElseThrow(() -> ApiException.notFound("release", releaseId));
    try {
      products.owned(c, caller, release.productId());
    } catch (ApiException e) {
      throw e.code() == ErrorCode.NOT_FOUND ? ApiException.notFound("release", releaseId) : e;
    }
    return release;
  }

  private Release readable(Connection c, Caller caller, String releaseId) throws SQLException {
    Access.requireRole(caller, Role.VENDOR, Role.OPERATOR, Role.FLEET_ADMIN);
    Release release =
        releases.find(c, releaseId).orElseThrow(() -> ApiException.notFound("release", releaseId));
    try {
      products.readable(c, caller, release.productId());
    } catch (ApiException e) {
      throw e.code() == ErrorCode.NOT_FOUND ? ApiException.notFound("release", releaseId) : e;
    }
    return release;
  }

  private ReleaseView view(Connection c, Release release) throws SQLException {
    RolloutRef rollout = rollouts.ofRelease(c, release.id()).orElseThrow();
    return ReleaseView.of(release, rollout.id(), rollout.state());
  }
}
