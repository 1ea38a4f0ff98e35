package dev.ringgate.rollout;

import dev.ringgate.release.ProductService;
import dev.ringgate.release.ProductStore;
import dev.ringgate.release.ReleaseStore;
import dev.ringgate.release.api.RingPlanView;
import dev.ringgate.release.domain.Product;
import dev.ringgate.release.domain.Release;
import dev.ringgate.release.domain.Ring;
import dev.ringgate.rollout.api.RolloutView;
import dev.ringgate.rollout.api.RolloutView.RingView;
import dev.ringgate.rollout.domain.Rollout;
import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.security.Actor;
import dev.ringgate.security.Caller;
import dev.ringgate.store.Ids;
import dev.ringgate.store.Store;
import dev.ringgate.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Rollouts: created pending with their release, read by the product's vendor. */
@ApplicationScoped
public class RolloutService {
  private final Store store;
  private final RolloutStore rollouts;
  private final ProductService products;
  private final ProductStore plans;
  private final ReleaseStore releases;

  RolloutService(
      Store store,
      RolloutStore rollouts,
      ProductService products,
      ProductStore plans,
      ReleaseStore releases) {
    this.store = store;
    this.rollouts = rollouts;
    this.products = products;
    this.plans = plans;
    this.releases = releases;
  }

  /** Creates the pending rollout of a new release, on the product's current ring plan. */
  public Rollout createPending(
      Connection c, Release release, Product product, Actor actor, String reason, Instant now)
      throws SQLException {
    Rollout rollout =
        new Rollout(
            Ids.next("rol"),
            release.id(),
            product.id(),
            product.ringPlanId(),
            RolloutState.PENDING,
            0,
            now,
            now);
    rollouts.insert(c, rollout);
    rollouts.appendHistory(
        c,
        rollout.id(),
        new dev.ringgate.rollout.domain.Transition(
            now, null, RolloutState.PENDING, 0, actor, reason));
    return rollout;
  }

  public RolloutView get(Caller caller, String rolloutId) {
    return store.read(
        c -> {
          Rollout rollout =
              rollouts
                  .find(c, rolloutId)
                  .orElseThrow(() -> ApiException.notFound("rollout", rolloutId));
          readableProduct(c, caller, rollout.productId(), "rollout", rolloutId);
          return view(c, rollout);
        });
  }

  public List<RolloutView> list(
      Caller caller, String productId, RolloutState state, String before, int limit) {
    return store.read(
        c -> {
          products.readable(c, caller, productId);
          List<RolloutView> views = new ArrayList<>();
          for (Rollout rollout : rollouts.list(c, productId, state, before, limit)) {
            views.add(view(c, rollout));
          }
          return views;
        });
  }

  private void readableProduct(
      Connection c, Caller caller, String productId, String what, String id) throws SQLException {
    try {
      products.readable(c, caller, productId);
    } catch (ApiException e) {
      if (e.code() == dev.ringgate.web.ErrorCode.NOT_FOUND) {
        throw ApiException.notFound(what, id);
      }
      throw e;
    }
  }

  private RolloutView view(Connection c, Rollout rollout) throws SQLException {
    Release release = releases.find(c, rollout.releaseId()).orElseThrow();
    RingPlanView plan = plans.plan(c, rollout.ringPlanId());
    List<RingView> rings = new ArrayList<>();
    for (Ring ring : plan.rings()) {
      rings.add(
          new RingView(
              ring.name(),
              ring.shareBp(),
              0,
              "PENDING",
              null,
              0,
              0,
              0,
              0,
              0,
              0,
              "WAIT",
              "the rollout has not started"));
    }
    return new RolloutView(
        rollout.id(),
        rollout.releaseId(),
        rollout.productId(),
        release.version(),
        rollout.state(),
        rollout.ringIndex(),
        rollout.createdAt(),
        rollout.updatedAt(),
        rings,
        rollouts.history(c, rollout.id()));
  }
}
