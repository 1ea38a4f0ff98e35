package dev.ringgate.rollout;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.release.ProductStore;
import dev.ringgate.release.ReleaseStore;
import dev.ringgate.rollout.domain.Rollout;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/** Loads a rollout with everything around it. */
@ApplicationScoped
public class RolloutContexts {
  private final RolloutStore rollouts;
  private final ReleaseStore releases;
  private final ProductStore products;

  RolloutContexts(RolloutStore rollouts, ReleaseStore releases, ProductStore products) {
    this.rollouts = rollouts;
    this.releases = releases;
    this.products = products;
  }

  /** The rollout, locked for the transaction when {@code lock}; 404 when it does not exist. */
  public RolloutContext load(Connection c, String rolloutId, boolean lock) throws SQLException {
    Rollout rollout =
        (lock ? rollouts.lock(c, rolloutId) : rollouts.find(c, rolloutId))
            .orElseThrow(() -> ApiException.notFound("rollout", rolloutId));
    return of(c, rollout);
  }

  public RolloutContext of(Connection c, Rollout rollout) throws SQLException {
    return new RolloutContext(
        rollout,
        releases.find(c, rollout.releaseId()).orElseThrow(),
        products.find(c, rollout.productId()).orElseThrow(),
        products.plan(c, rollout.ringPlanId()).plan());
  }
}
