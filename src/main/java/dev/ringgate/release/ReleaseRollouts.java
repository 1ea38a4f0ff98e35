package dev.ringgate.release;

import dev.ringgate.kernel.Actor;
import dev.ringgate.release.domain.Product;
import dev.ringgate.release.domain.Release;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * What the release feature needs of a release's rollout, implemented by the rollout feature above
 * it (so release depends on nothing above it): every published release gets a PENDING rollout in
 * the same transaction, and a release is answered with its rollout's id and state.
 */
public interface ReleaseRollouts {

  /** A release's rollout as a release answer names it. */
  record RolloutRef(String id, String state) {}

  /** Creates the PENDING rollout of a release just published, in the caller's transaction. */
  RolloutRef createPending(
      Connection c, Release release, Product product, Actor actor, String reason, Instant now)
      throws SQLException;

  /** The rollout of a release, if it has one (every published release has). */
  Optional<RolloutRef> ofRelease(Connection c, String releaseId) throws SQLException;
}
