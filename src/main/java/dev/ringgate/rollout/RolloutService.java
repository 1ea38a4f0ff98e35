package dev.ringgate.rollout;

import dev.ringgate.health.HealthGate;
import dev.ringgate.health.RingCountsStore;
import dev.ringgate.health.domain.GateInput;
import dev.ringgate.health.domain.GateResult;
import dev.ringgate.health.domain.RingCounts;
import dev.ringgate.kernel.Actor;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.Ids;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.release.ProductService;
import dev.ringgate.release.ReleaseRollouts;
import dev.ringgate.release.domain.Product;
import dev.ringgate.release.domain.Release;
import dev.ringgate.release.domain.Ring;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.rollout.api.RolloutView;
import dev.ringgate.rollout.api.RolloutView.RingView;
import dev.ringgate.rollout.domain.GateStep;
import dev.ringgate.rollout.domain.Ramp;
import dev.ringgate.rollout.domain.Rollout;
import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.rollout.domain.Transition;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rollouts: created pending with their release, read with each ring's figures and verdict. */
@ApplicationScoped
public class RolloutService implements ReleaseRollouts {
  private final Store store;
  private final RolloutStore rollouts;
  private final RolloutContexts contexts;
  private final ProductService products;
  private final RingCountsStore counts;
  private final HealthGate gate;
  private final TimeSource time;

  RolloutService(
      Store store,
      RolloutStore rollouts,
      RolloutContexts contexts,
      ProductService products,
      RingCountsStore counts,
      HealthGate gate,
      TimeSource time) {
    this.store = store;
    this.rollouts = rollouts;
    this.contexts = contexts;
    this.products = products;
    this.counts = counts;
    this.gate = gate;
    this.time = time;
  }

  /** Creates the pending rollout of a new release, on the product's current ring plan. */
  @Override
  public RolloutRef createPending(
      Connection c, Release release, Product product, Actor actor, String reason, Instant now)
      throws SQLException {
    Rollout rollout =
        Rollout.pending(Ids.next("rol"), release.id(), product.id(), product.ringPlanId(), now);
    rollouts.insert(c, rollout);
    rollouts.appendHistory(
        c, rollout.id(), new Transition(now, null, RolloutState.PENDING, 0, actor, reason));
    return ref(rollout);
  }

  @Override
  public Optional<RolloutRef> ofRelease(Connection c, String releaseId) throws SQLException {
    return rollouts.findByRelease(c, releaseId).map(RolloutService::ref);
  }

  private static RolloutRef ref(Rollout rollout) {
    return new RolloutRef(rollout.id(), rollout.state().name());
  }

  public RolloutView get(Caller caller, String rolloutId) {
    Access.requireRole(caller, Role.VENDOR, Role.OPERATOR, Role.FLEET_ADMIN);
    return store.read(
        c -> {
          RolloutContext context = contexts.load(c, rolloutId, false);
          requireReadable(c, caller, context);
          return view(c, context);
        });
  }

  public List<RolloutView> list(
      Caller caller, String productId, RolloutState state, String before, int limit) {
    return store.read(
        c -> {
          products.readable(c, caller, productId);
          List<RolloutView> views = new ArrayList<>();
          for (Rollout rollout : rollouts.list(c, productId, state, before, limit)) {
            views.add(view(c, contexts.of(c, rollout)));
          }
          return views;
        });
  }

  /**
   * The gate's verdict: HALT when any ring reached so far says HALT (late reports still land in the
   * ring where their devices were exposed), else the current ring's verdict.
   */
  public GateResult evaluate(Connection c, RolloutContext context) throws SQLException {
    Rollout rollout = context.rollout();
    Instant now = time.now();
    Map<Integer, RingCounts> ringCounts = counts.counts(c, rollout.id(), now.toEpochMilli());
    Map<Integer, Instant[]> ringTimes = rollouts.rings(c, rollout.id());
    return GateStep.overall(
        context.plan(),
        rollout.ringIndex(),
        i ->
            verdict(
                context, i, ringTimes.get(i), ringCounts.getOrDefault(i, RingCounts.NONE), now));
  }

  void requireReadable(Connection c, Caller caller, RolloutContext context) throws SQLException {
    try {
      products.readable(c, caller, context.product().id());
    } catch (ApiException e) {
      throw e.code() == ErrorCode.NOT_FOUND
          ? ApiException.notFound("rollout", context.rollout().id())
          : e;
    }
  }

  /** The rollout as answered. */
  public RolloutView view(Connection c, RolloutContext context) throws SQLException {
    Rollout rollout = context.rollout();
    Instant now = time.now();
    Map<Integer, RingCounts> ringCounts = counts.counts(c, rollout.id(), now.toEpochMilli());
    Map<Integer, Instant[]> ringTimes = rollouts.rings(c, rollout.id());
    RingPlan plan = context.plan();
    List<RingView> rings = new ArrayList<>();
    for (int i = 0; i < plan.rings().size(); i++) {
      Ring ring = plan.ring(i);
      Instant[] times = ringTimes.get(i);
      RingCounts figures = ringCounts.getOrDefault(i, RingCounts.NONE);
      GateResult verdict = verdict(context, i, times, figures, now);
      rings.add(
          new RingView(
              ring.name(),
              ring.shareBp(),
              admittedBp(context, i, now),
              ringState(rollout, i),
              times == null ? null : times[0],
              figures.exposed(),
              figures.crashed(),
              figures.silent(),
              figures.control(),
              figures.controlCrashed(),
              figures.controlSilent(),
              verdict.verdict().name(),
              verdict.detail()));
    }
    return new RolloutView(
        rollout.id(),
        rollout.releaseId(),
        rollout.productId(),
        context.release().version(),
        rollout.state(),
        rollout.ringIndex(),
        rollout.createdAt(),
        rollout.updatedAt(),
        rings,
        rollouts.history(c, rollout.id()));
  }

  private GateResult verdict(
      RolloutContext context, int index, Instant[] times, RingCounts figures, Instant now) {
    if (times == null) {
      return GateResult.waiting("the ring has not started");
    }
    double baked;
    if (index == context.rollout().ringIndex() && times[1] == null) {
      baked = context.bakedMinutes(now);
    } else {
      Instant end = times[1] != null ? times[1] : now;
      baked = Math.max(0, end.toEpochMilli() - times[0].toEpochMilli()) / 60_000.0;
    }
    return gate.evaluate(new GateInput(context.plan().ring(index), figures, baked));
  }

  private static Number admittedBp(RolloutContext context, int index, Instant now) {
    double bp = admittedBpValue(context, index, now);
    return bp == Math.rint(bp) ? (Number) (int) bp : (Number) bp;
  }

  private static double admittedBpValue(RolloutContext context, int index, Instant now) {
    Rollout rollout = context.rollout();
    RingPlan plan = context.plan();
    int previous = index == 0 ? 0 : plan.ring(index - 1).shareBp();
    Ring ring = plan.ring(index);
    if (rollout.state() == RolloutState.PENDING || index > rollout.ringIndex()) {
      // A ring admits nothing in its own name until it starts (the previous ring's share here
      // read as if the ring had started).
      return 0;
    }
    if (index < rollout.ringIndex() || rollout.state() == RolloutState.COMPLETED) {
      return ring.shareBp();
    }
    Instant end = rollout.stoppedAt() != null ? rollout.stoppedAt() : now;
    long elapsed = end.toEpochMilli() - rollout.ringStartedAt().toEpochMilli();
    return Ramp.admittedBp(previous, ring.shareBp(), ring.rampMinutes(), elapsed);
  }

  private static String ringState(Rollout rollout, int index) {
    if (index < rollout.ringIndex()) {
      return "PASSED";
    }
    if (index > rollout.ringIndex()) {
      return "PENDING";
    }
    return switch (rollout.state()) {
      case IN_PROGRESS -> "ACTIVE";
      case COMPLETED -> "PASSED";
      default -> rollout.state().name();
    };
  }
}
