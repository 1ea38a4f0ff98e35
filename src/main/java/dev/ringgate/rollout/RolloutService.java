package dev.ringgate.rollout;

import dev.ringgate.health.HealthGate;
import dev.ringgate.health.RingCountsStore;
import dev.ringgate.health.domain.FleetControl;
import dev.ringgate.health.domain.GateResult;
import dev.ringgate.health.domain.RingCounts;
import dev.ringgate.health.domain.TenantCounts;
import dev.ringgate.health.domain.TenantEvidence;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
  private final EstablishedFleets fleets;

  RolloutService(
      Store store,
      RolloutStore rollouts,
      RolloutContexts contexts,
      ProductService products,
      RingCountsStore counts,
      HealthGate gate,
      TimeSource time,
      EstablishedFleets fleets) {
    this.fleets = fleets;
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
          return view(c, context, caller);
        });
  }

  public List<RolloutView> list(
      Caller caller, String productId, RolloutState state, String before, int limit) {
    return store.read(
        c -> {
          products.readable(c, caller, productId);
          List<RolloutView> views = new ArrayList<>();
          for (Rollout rollout : rollouts.list(c, productId, state, before, limit)) {
            views.add(view(c, contexts.of(c, rollout), caller));
          }
          return views;
        });
  }

  /**
   * The gate's evaluation of a rollout.
   *
   * @param overall HALT when any ring reached so far says HALT (late reports still land in the ring
   *     where their devices were exposed), else the current ring's verdict
   * @param rings each started ring's verdict and the evidence it weighed, by index
   * @param tenantHalts tenants the gate halts the rollout for, not halted yet, by tenant
   */
  public record Evaluation(
      GateResult overall,
      Map<Integer, TenantEvidence.Result> rings,
      Map<String, TenantHaltFound> tenantHalts,
      long evidenceSinceMillis) {}

  /** A tenant the gate halts the rollout for: in which ring, and why. */
  public record TenantHaltFound(int ringIndex, String reason) {}

  /** The gate's verdict over the rings reached so far. */
  public GateResult evaluate(Connection c, RolloutContext context) throws SQLException {
    return evaluation(c, context).overall();
  }

  /**
   * The gate's evaluation: each ring's established devices weighed tenant by tenant, from the
   * evidence window's start, without the tenants excluded by the vendor or halted already.
   */
  public Evaluation evaluation(Connection c, RolloutContext context) throws SQLException {
    Rollout rollout = context.rollout();
    Instant now = time.now();
    Map<Integer, Instant[]> ringTimes = rollouts.rings(c, rollout.id());
    Instant[] first = ringTimes.get(0);
    Map<Integer, TenantEvidence.Result> results = new HashMap<>();
    Map<String, TenantHaltFound> halts = new java.util.LinkedHashMap<>();
    long since = 0;
    if (first != null) {
      Instant started = first[0];
      since = rollouts.evidenceSince(c, rollout.id());
      Set<String> left = rollouts.excludedTenants(c, rollout.id());
      for (RolloutStore.TenantHalt halt : rollouts.tenantHalts(c, rollout.id())) {
        left.add(halt.tenantId());
      }
      Map<Integer, Map<String, RingCountsStore.TenantRow>> rows = new HashMap<>();
      for (RingCountsStore.TenantRow row :
          counts.evidence(
              c, rollout.id(), rollout.productId(), started, since, now.toEpochMilli())) {
        rows.computeIfAbsent(row.ring(), k -> new HashMap<>()).put(row.tenantId(), row);
      }
      EstablishedFleets.Fleet fleet =
          fleets.of(
              c, rollout.id(), rollout.productId(), context.plan(), started, now.toEpochMilli());
      Map<String, RingCounts> fleetControl =
          fleetControl(rows, fleet, rollout.ringIndex(), context.plan().rings().size(), left);
      for (int i = 0; i <= rollout.ringIndex() && i < context.plan().rings().size(); i++) {
        Instant[] times = ringTimes.get(i);
        if (times == null) {
          continue;
        }
        Map<String, RingCountsStore.TenantRow> ring = rows.getOrDefault(i, Map.of());
        Set<String> tenants = new TreeSet<>(ring.keySet());
        tenants.addAll(fleetControl.keySet());
        for (String tenant : fleet.perRing().keySet()) {
          if (fleet.inRing(tenant, i) > 0) {
            tenants.add(tenant);
          }
        }
        tenants.removeAll(left);
        List<TenantCounts> weighed = new ArrayList<>();
        for (String tenant : tenants) {
          RingCountsStore.TenantRow row = ring.get(tenant);
          long inRing = Math.max(fleet.inRing(tenant, i), row == null ? 0 : row.participants());
          weighed.add(
              new TenantCounts(
                  tenant,
                  FleetControl.plusControl(
                      row == null ? RingCounts.NONE : row.counts(),
                      fleetControl.getOrDefault(tenant, RingCounts.NONE)),
                  inRing,
                  fleet.share(tenant),
                  inRing
                      + beyond(fleet, tenant, rollout.ringIndex(), context.plan().rings().size())));
        }
        int productTenants = Math.max(fleet.byTenant().size() - left.size(), tenants.size());
        TenantEvidence.Result result =
            gate.evaluate(
                context.plan().ring(i), baked(context, i, times, now), weighed, productTenants);
        results.put(i, result);
        int index = i;
        result
            .tenantHalts()
            .forEach((t, why) -> halts.putIfAbsent(t, new TenantHaltFound(index, why)));
      }
    }
    GateResult overall =
        GateStep.overall(
            context.plan(),
            rollout.ringIndex(),
            i -> {
              TenantEvidence.Result result = results.get(i);
              return result == null
                  ? GateResult.waiting("the ring has not started")
                  : result.overall();
            });
    return new Evaluation(overall, results, halts, since);
  }

  /**
   * The fleet control by tenant: the control figures of the rings not reached yet (see {@link
   * FleetControl}). Each tenant counts at most at its share of the product's established devices
   * (renormalised over the product's tenants, heard from or not), so that devices a tenant placed
   * in those rings cannot set the baseline, even when no other tenant is heard from there.
   */
  private static Map<String, RingCounts> fleetControl(
      Map<Integer, Map<String, RingCountsStore.TenantRow>> rows,
      EstablishedFleets.Fleet fleet,
      int ringIndex,
      int rings,
      Set<String> left) {
    Map<String, RingCounts> sums = new java.util.TreeMap<>();
    rows.forEach(
        (ring, byTenant) -> {
          if (ring > ringIndex) {
            byTenant.forEach(
                (tenant, row) -> {
                  if (!left.contains(tenant)) {
                    sums.merge(tenant, row.counts(), (a, b) -> FleetControl.plusControl(a, b));
                  }
                });
          }
        });
    Set<String> product = new TreeSet<>(fleet.byTenant().keySet());
    product.addAll(sums.keySet());
    product.removeAll(left);
    List<TenantCounts> beyond = new ArrayList<>();
    for (String tenant : product) {
      beyond.add(
          new TenantCounts(
              tenant,
              sums.getOrDefault(tenant, RingCounts.NONE),
              beyond(fleet, tenant, ringIndex, rings),
              fleet.share(tenant)));
    }
    Map<String, RingCounts> weighed = new HashMap<>();
    double[] weights = TenantEvidence.weights(beyond);
    for (int k = 0; k < beyond.size(); k++) {
      TenantCounts t = beyond.get(k);
      if (sums.containsKey(t.tenantId())) {
        RingCounts scaled = TenantEvidence.scale(t.counts(), weights[k]);
        weighed.put(t.tenantId(), FleetControl.plusControl(RingCounts.NONE, scaled));
      }
    }
    return weighed;
  }

  /** The tenant's established devices in the rings beyond {@code ringIndex}. */
  private static long beyond(
      EstablishedFleets.Fleet fleet, String tenant, int ringIndex, int rings) {
    long established = 0;
    for (int j = ringIndex + 1; j < rings; j++) {
      established += fleet.inRing(tenant, j);
    }
    return established;
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

  /** The rollout as its vendor (or an operator) reads it. */
  public RolloutView view(Connection c, RolloutContext context) throws SQLException {
    return view(c, context, null);
  }

  /**
   * The rollout as answered to {@code caller}: a fleet admin sees no other tenant's id (its own
   * tenant's halt only, other tenants named "another tenant").
   */
  public RolloutView view(Connection c, RolloutContext context, Caller caller) throws SQLException {
    Rollout rollout = context.rollout();
    String ownTenant = caller != null && caller.is(Role.FLEET_ADMIN) ? caller.tenantId() : null;
    java.util.function.UnaryOperator<String> redact =
        ownTenant == null ? text -> text : redaction(c, rollout.id(), ownTenant);
    List<RolloutStore.TenantHalt> tenantHalts = rollouts.tenantHalts(c, rollout.id());
    Instant now = time.now();
    Map<Integer, RingCounts> ringCounts = counts.counts(c, rollout.id(), now.toEpochMilli());
    Map<Integer, Instant[]> ringTimes = rollouts.rings(c, rollout.id());
    Evaluation evaluation = evaluation(c, context);
    RingPlan plan = context.plan();
    List<RingView> rings = new ArrayList<>();
    for (int i = 0; i < plan.rings().size(); i++) {
      Ring ring = plan.ring(i);
      Instant[] times = ringTimes.get(i);
      RingCounts figures = ringCounts.getOrDefault(i, RingCounts.NONE);
      TenantEvidence.Result judged = evaluation.rings().get(i);
      GateResult verdict =
          judged == null
              ? GateResult.waiting(
                  times == null ? "the ring has not started" : "the ring is not reached yet")
              : judged.overall();
      String detail = verdict.detail();
      for (RolloutStore.TenantHalt halt : tenantHalts) {
        if (halt.ringIndex() == i) {
          detail += "; halted for tenant " + halt.tenantId() + " (" + halt.reason() + ")";
        }
      }
      RolloutView.Evidence evidence =
          judged == null
              ? null
              : RolloutView.Evidence.of(
                  judged.weighed(),
                  judged.tenants(),
                  Instant.ofEpochMilli(
                      Math.max(evaluation.evidenceSinceMillis(), times[0].toEpochMilli())),
                  gate.certification(ring, judged.weighed()));
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
              redact.apply(detail),
              evidence));
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
        rollouts.history(c, rollout.id()).stream()
            .map(
                t ->
                    new Transition(
                        t.at(),
                        t.from(),
                        t.to(),
                        t.ringIndex(),
                        t.actor(),
                        redactOrNull(redact, t.reason())))
            .toList(),
        tenantHalts.stream()
            .filter(h -> ownTenant == null || h.tenantId().equals(ownTenant))
            .map(
                h ->
                    new RolloutView.TenantHaltView(
                        h.tenantId(), h.ringIndex(), h.haltedAt(), redact.apply(h.reason())))
            .toList(),
        ownTenant == null
            ? rollouts.excludedTenants(c, rollout.id()).stream().sorted().toList()
            : List.of());
  }

  private static String redactOrNull(java.util.function.UnaryOperator<String> redact, String text) {
    return text == null ? null : redact.apply(text);
  }

  /** Replaces every tenant the rollout names, but {@code ownTenant}, with "another tenant". */
  private java.util.function.UnaryOperator<String> redaction(
      Connection c, String rolloutId, String ownTenant) throws SQLException {
    List<java.util.regex.Pattern> others = new ArrayList<>();
    for (String tenant : rollouts.tenantsNamed(c, rolloutId)) {
      if (!tenant.equals(ownTenant)) {
        others.add(
            java.util.regex.Pattern.compile(
                "(tenants? )?(?<![A-Za-z0-9._:-])"
                    + java.util.regex.Pattern.quote(tenant)
                    + "(?=$|[^A-Za-z0-9._:-]|:(?![A-Za-z0-9._:-]))"));
      }
    }
    return text -> {
      String out = text;
      for (java.util.regex.Pattern other : others) {
        out = other.matcher(out).replaceAll("another tenant");
      }
      return out;
    };
  }

  /** Minutes the ring has baked: until now for the current ring, else until it ended. */
  private static double baked(RolloutContext context, int index, Instant[] times, Instant now) {
    if (index == context.rollout().ringIndex() && times[1] == null) {
      return context.bakedMinutes(now);
    }
    Instant end = times[1] != null ? times[1] : now;
    return Math.max(0, end.toEpochMilli() - times[0].toEpochMilli()) / 60_000.0;
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
