package dev.ringgate.rollout;

import dev.ringgate.events.EventRecorder;
import dev.ringgate.health.domain.GateResult;
import dev.ringgate.health.domain.Verdict;
import dev.ringgate.kernel.Actor;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.Patterns;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.policy.ApprovalStore;
import dev.ringgate.release.ProductService;
import dev.ringgate.rollout.api.ActionRequest;
import dev.ringgate.rollout.api.RolloutView;
import dev.ringgate.rollout.domain.GateStep;
import dev.ringgate.rollout.domain.Rollout;
import dev.ringgate.rollout.domain.RolloutAction;
import dev.ringgate.rollout.domain.RolloutEventType;
import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.rollout.domain.Transition;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.store.ChangeFeed;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What moves a rollout: the vendor's actions, the promotion loop and the health gate. Each runs in
 * one transaction with the rollout's row locked, so that replicas never move a rollout twice.
 */
@ApplicationScoped
public class RolloutActions {
  /** The actor of automatic promotions. */
  private final Store store;

  private final RolloutStore rollouts;
  private final RolloutContexts contexts;
  private final RolloutService service;
  private final ProductService products;
  private final EventRecorder events;
  private final ChangeFeed changes;
  private final TimeSource time;
  private final ApprovalStore approvals;
  private final GateMetrics gates;

  RolloutActions(
      Store store,
      RolloutStore rollouts,
      RolloutContexts contexts,
      RolloutService service,
      ProductService products,
      EventRecorder events,
      ChangeFeed changes,
      TimeSource time,
      ApprovalStore approvals,
      GateMetrics gates) {
    this.approvals = approvals;
    this.gates = gates;
    this.store = store;
    this.rollouts = rollouts;
    this.contexts = contexts;
    this.service = service;
    this.products = products;
    this.events = events;
    this.changes = changes;
    this.time = time;
  }

  /** A vendor's action on its rollout. */
  public RolloutView act(
      Caller caller, String rolloutId, RolloutAction action, ActionRequest request) {
    Access.requireRole(caller, Role.VENDOR);
    if (request.forced() && action != RolloutAction.PROMOTE) {
      throw ApiException.invalid("force", "is only allowed on promote");
    }
    List<String> excluded = excludedTenants(action, request);
    RolloutView view =
        store.inTransaction(
            c -> {
              RolloutContext context = contexts.load(c, rolloutId, true);
              requireOwner(c, caller, context);
              requireTenants(c, excluded);
              Rollout before = context.rollout();
              if (action == RolloutAction.RESUME
                  && before.state() == RolloutState.IN_PROGRESS
                  && !rollouts.tenantHalts(c, rolloutId).isEmpty()) {
                liftTenantHalts(c, context, request, caller.actor());
              } else {
                Rollout.Change change = vendorChange(c, context, action, request, caller.actor());
                apply(c, context, change, request.reason());
                if (action == RolloutAction.RESUME) {
                  boolean halted =
                      before.state() == RolloutState.HALTED
                          || before.state() == RolloutState.ROLLED_BACK;
                  boolean lifted =
                      !rollouts.liftTenantHalts(c, rolloutId, change.transition().at()).isEmpty();
                  if (halted || lifted) {
                    rollouts.startEvidenceWindow(c, rolloutId, change.transition().at());
                  }
                }
              }
              if (!excluded.isEmpty()) {
                exclude(c, contexts.load(c, rolloutId, false), excluded, request, caller.actor());
              }
              return service.view(c, contexts.load(c, rolloutId, false));
            });
    changes.committed();
    return view;
  }

  /**
   * The promotion loop's step for one rollout: halts it when the gate says HALT (also while it is
   * paused), promotes it when the gate passes and the ring is AUTO, and does nothing otherwise (or
   * when another replica moved it first). Returns what it did, or null.
   */
  public RolloutEventType step(String rolloutId) {
    Stepped done =
        store.inTransaction(
            c -> {
              RolloutContext context = contexts.load(c, rolloutId, true);
              Rollout rollout = context.rollout();
              boolean moving =
                  rollout.state() == RolloutState.IN_PROGRESS
                      || rollout.state() == RolloutState.PAUSED;
              if (!moving || context.release().isRevoked()) {
                return null;
              }
              RolloutService.Evaluation evaluation = service.evaluation(c, context);
              GateResult result = evaluation.overall();
              gates.evaluated(rolloutId, rollout.productId());
              Instant now = time.now();
              Rollout.Change change = GateStep.next(rollout, context.plan(), result, now);
              boolean stops =
                  change != null
                      && (change.type() == RolloutEventType.ROLLOUT_HALTED
                          || change.type() == RolloutEventType.ROLLOUT_ROLLED_BACK);
              boolean haltedTenants = false;
              if (!stops) {
                for (var halt : evaluation.tenantHalts().entrySet()) {
                  haltForTenant(c, context, halt.getKey(), halt.getValue(), now);
                  haltedTenants = true;
                }
              }
              if (change == null) {
                return haltedTenants
                    ? new Stepped(
                        RolloutEventType.ROLLOUT_HALTED_FOR_TENANT, rollout.productId(), result)
                    : null;
              }
              apply(c, context, change, change.transition().reason());
              return new Stepped(change.type(), rollout.productId(), result);
            });
    if (done == null) {
      return null;
    }
    changes.committed();
    if (done.verdict().verdict() == Verdict.HALT) {
      gates.halted(done.productId(), done.verdict().cause());
    }
    return done.type();
  }

  /** What a step of the gate did, and on which verdict. */
  private record Stepped(RolloutEventType type, String productId, GateResult verdict) {}

  private Rollout.Change vendorChange(
      Connection c,
      RolloutContext context,
      RolloutAction action,
      ActionRequest request,
      Actor actor)
      throws SQLException {
    Rollout rollout = context.rollout();
    Instant now = time.now();
    String reason = request.reason();
    return switch (action) {
      case START -> {
        if (context.release().isRevoked()) {
          throw ApiException.conflict("The release is revoked; it cannot be rolled out.");
        }
        Rollout.Change change = rollout.start(context.product().ringPlanId(), now, actor, reason);
        supersedeOthers(c, context, actor);
        yield change;
      }
      case PROMOTE -> promote(c, context, request, actor, now);
      case PAUSE -> rollout.pause(now, actor, reason);
      case RESUME -> {
        if ((rollout.state() == RolloutState.HALTED || rollout.state() == RolloutState.ROLLED_BACK)
            && (reason == null || reason.isBlank())) {
          throw ApiException.invalid("reason", "is required to resume a halted rollout");
        }
        if (context.release().isRevoked()) {
          throw ApiException.conflict("The release is revoked; its rollout cannot be resumed.");
        }
        if (rollout.state() == RolloutState.ROLLED_BACK) {
          supersedeOthers(c, context, actor);
        }
        yield rollout.resume(now, actor, reason);
      }
      case HALT -> rollout.halt(now, actor, reason);
      case ROLLBACK -> rollout.rollback(now, actor, reason);
      case SUPERSEDE -> throw new IllegalStateException("not a vendor action");
    };
  }

  private Rollout.Change promote(
      Connection c, RolloutContext context, ActionRequest request, Actor actor, Instant now)
      throws SQLException {
    Rollout rollout = context.rollout();
    if (rollout.state() == RolloutState.IN_PROGRESS) {
      GateResult result = service.evaluate(c, context);
      if (result.verdict() == Verdict.HALT) {
        throw new ApiException(
            ErrorCode.ILLEGAL_TRANSITION,
            "The health gate says HALT (" + result.detail() + "); the ring cannot be left.");
      }
      if (result.verdict() == Verdict.WAIT && !request.forced()) {
        throw new ApiException(
            ErrorCode.ILLEGAL_TRANSITION,
            "The health gate says WAIT ("
                + result.detail()
                + "); send force: true to promote anyway.");
      }
    }
    return rollout.promote(context.plan().lastIndex(), now, actor, request.reason());
  }

  /**
   * One rollout of a product is active at a time: the one starting (or resuming) supersedes the
   * others. The product's row is locked first, so two concurrent starts cannot both win.
   */
  private void supersedeOthers(Connection c, RolloutContext starting, Actor actor)
      throws SQLException {
    rollouts.lockProduct(c, starting.product().id());
    Instant now = time.now();
    for (Rollout other : rollouts.lockActive(c, starting.product().id())) {
      if (!other.id().equals(starting.rollout().id())) {
        RolloutContext context = contexts.of(c, other);
        String reason = "superseded by " + starting.release().version();
        apply(c, context, other.supersede(now, actor, reason), reason);
      }
    }
  }

  private void apply(Connection c, RolloutContext given, Rollout.Change change, String reason)
      throws SQLException {
    RolloutContext context =
        given.rollout().ringPlanId() == change.after().ringPlanId()
            ? given
            : contexts.of(c, change.after());
    Rollout before = given.rollout();
    Rollout after = change.after();
    Instant at = change.transition().at();
    rollouts.update(c, after);
    switch (change.type()) {
      case ROLLOUT_STARTED -> rollouts.startRing(c, after.id(), 0, at);
      case RING_PROMOTED -> {
        rollouts.endRing(c, after.id(), before.ringIndex(), at);
        rollouts.startRing(c, after.id(), after.ringIndex(), at);
      }
      case ROLLOUT_COMPLETED -> rollouts.endRing(c, after.id(), before.ringIndex(), at);
      case ROLLOUT_HALTED, ROLLOUT_ROLLED_BACK, ROLLOUT_SUPERSEDED ->
          approvals.expire(c, after.id(), at);
      case ROLLOUT_RESUMED -> approvals.reopen(c, after.id());
      default -> {
        // the ring goes on; only the rollout's state changed
      }
    }
    rollouts.appendHistory(c, after.id(), change.transition());
    events.record(
        c,
        change.transition().actor(),
        reason,
        new RolloutEvent(
            change.type(),
            after.id(),
            after.productId(),
            context.release().version(),
            before.state(),
            after.state(),
            after.ringIndex(),
            context.plan().ring(after.ringIndex()).name()));
    changes.bump(c);
  }

  /**
   * The gate halts the rollout for one tenant: its devices are offered the release no more (and
   * told to roll back when the plan says so), recorded in the history and as an event.
   */
  private void haltForTenant(
      Connection c,
      RolloutContext context,
      String tenantId,
      RolloutService.TenantHaltFound found,
      Instant now)
      throws SQLException {
    Rollout rollout = context.rollout();
    String reason = "health gate: halted for tenant " + tenantId + ": " + found.reason();
    rollouts.haltForTenant(
        c,
        rollout.id(),
        new RolloutStore.TenantHalt(tenantId, found.ringIndex(), now, found.reason()));
    rollouts.appendHistory(
        c,
        rollout.id(),
        new Transition(
            now, rollout.state(), rollout.state(), found.ringIndex(), Actor.HEALTH_GATE, reason));
    events.record(
        c,
        Actor.HEALTH_GATE,
        reason,
        new RolloutTenantEvent(
            RolloutEventType.ROLLOUT_HALTED_FOR_TENANT,
            rollout.id(),
            rollout.productId(),
            context.release().version(),
            found.ringIndex(),
            List.of(tenantId)));
    changes.bump(c);
  }

  /**
   * A resume of a rollout in progress that is halted for some tenants: the halts are lifted and the
   * evidence counts from now.
   */
  private void liftTenantHalts(
      Connection c, RolloutContext context, ActionRequest request, Actor actor)
      throws SQLException {
    String reason = request.reason();
    if (reason == null || reason.isBlank()) {
      throw ApiException.invalid("reason", "is required to resume a halted rollout");
    }
    if (context.release().isRevoked()) {
      throw ApiException.conflict("The release is revoked; its rollout cannot be resumed.");
    }
    Rollout rollout = context.rollout();
    Instant now = time.now();
    List<String> lifted = rollouts.liftTenantHalts(c, rollout.id(), now);
    rollouts.startEvidenceWindow(c, rollout.id(), now);
    String recorded = reason + " (halts lifted for tenants " + String.join(", ", lifted) + ")";
    rollouts.appendHistory(
        c,
        rollout.id(),
        new Transition(
            now, rollout.state(), rollout.state(), rollout.ringIndex(), actor, recorded));
    events.record(
        c,
        actor,
        recorded,
        new RolloutEvent(
            RolloutEventType.ROLLOUT_RESUMED,
            rollout.id(),
            rollout.productId(),
            context.release().version(),
            rollout.state(),
            rollout.state(),
            rollout.ringIndex(),
            context.plan().ring(rollout.ringIndex()).name()));
    approvals.reopen(c, rollout.id());
    changes.bump(c);
  }

  /** The vendor excludes tenants' evidence from the rollout's gate, in the audit log. */
  private void exclude(
      Connection c,
      RolloutContext context,
      List<String> tenants,
      ActionRequest request,
      Actor actor)
      throws SQLException {
    Rollout rollout = context.rollout();
    Instant now = time.now();
    for (String tenant : tenants) {
      rollouts.excludeTenant(c, rollout.id(), tenant, now);
    }
    events.record(
        c,
        actor,
        request.reason(),
        new RolloutTenantEvent(
            RolloutEventType.ROLLOUT_EVIDENCE_EXCLUDED,
            rollout.id(),
            rollout.productId(),
            context.release().version(),
            rollout.ringIndex(),
            tenants));
    changes.bump(c);
  }

  /** The tenants to exclude, checked before the transaction: only on resume, ids, at most 100. */
  private static List<String> excludedTenants(RolloutAction action, ActionRequest request) {
    List<String> tenants = request.excluded();
    if (tenants.isEmpty()) {
      return List.of();
    }
    if (action != RolloutAction.RESUME) {
      throw ApiException.invalid("excludeTenants", "is only allowed on resume");
    }
    if (tenants.size() > ActionRequest.MAX_EXCLUDED) {
      throw ApiException.invalid(
          "excludeTenants", "at most " + ActionRequest.MAX_EXCLUDED + " tenants");
    }
    for (String tenant : tenants) {
      if (tenant == null || !Patterns.isId(tenant)) {
        throw ApiException.invalid("excludeTenants", "'" + tenant + "' " + Patterns.ID_MESSAGE);
      }
    }
    return tenants.stream().distinct().toList();
  }

  private void requireTenants(Connection c, List<String> tenants) throws SQLException {
    if (tenants.isEmpty()) {
      return;
    }
    java.util.Set<String> found = rollouts.existingTenants(c, tenants);
    for (String tenant : tenants) {
      if (!found.contains(tenant)) {
        throw ApiException.invalid("excludeTenants", "'" + tenant + "' is not a tenant");
      }
    }
  }

  private void requireOwner(Connection c, Caller caller, RolloutContext context)
      throws SQLException {
    try {
      products.owned(c, caller, context.product().id());
    } catch (ApiException e) {
      throw e.code() == ErrorCode.NOT_FOUND
          ? ApiException.notFound("rollout", context.rollout().id())
          : e;
    }
  }
}
