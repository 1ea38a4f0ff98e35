package dev.ringgate.simulate.domain;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.checkin.domain.Availability;
import dev.ringgate.checkin.domain.CheckinRequest;
import dev.ringgate.checkin.domain.CohortMark;
import dev.ringgate.checkin.domain.Decider;
import dev.ringgate.checkin.domain.Decision;
import dev.ringgate.checkin.domain.ProductEntry;
import dev.ringgate.checkin.domain.ReleaseEntry;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.health.domain.FleetControl;
import dev.ringgate.health.domain.GateResult;
import dev.ringgate.health.domain.GateRules;
import dev.ringgate.health.domain.GateSettings;
import dev.ringgate.health.domain.RingCounts;
import dev.ringgate.health.domain.TenantCounts;
import dev.ringgate.health.domain.TenantEvidence;
import dev.ringgate.kernel.Actor;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.OnHalt;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.rollout.domain.Admission;
import dev.ringgate.rollout.domain.Bucketing;
import dev.ringgate.rollout.domain.GateStep;
import dev.ringgate.rollout.domain.RingSchedule;
import dev.ringgate.rollout.domain.Rollout;
import dev.ringgate.rollout.domain.RolloutState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ringgate itself: every check-in is answered by the service's {@link Decider} on a snapshot built
 * as the service builds it, the check-in's {@link CohortMark}s and the telemetry fill the rollout's
 * device rows, and the service's gate halts or promotes the real {@link Rollout} state machine:
 * each ring reached weighed tenant by tenant ({@link TenantEvidence}) on established devices (every
 * simulated device checked in before the rollout started), with the fleet control per tenant, as
 * {@code RolloutService.evaluation} feeds it, and {@link GateStep}. A halt for one tenant stops
 * offering the release to that tenant's devices and rolls them back, as {@code RolloutActions}
 * does.
 */
public final class RinggateRule implements Rule {
  static final String OLD = "1.0.0";
  static final String NEW = "1.1.0";
  private static final Set<String> PLATFORMS = Set.of(Fleet.PLATFORM);

  /** Failure reports nudge the gate at most this often (the telemetry path's calm). */
  private static final long URGENT_CALM_MILLIS = 5_000;

  private final String name;
  private final RingPlan plan;
  private final GateRules gate;
  private final TenantEvidence evidence;
  private final GateSettings settings;
  private final int silentAfterPolls;
  private final long evaluateMillis;

  private Fleet fleet;
  private CohortTable table;
  private Rollout rollout;
  private long[] ringStarted;
  private List<RingSchedule> rings;
  private Snapshot snapshot;
  private ProductEntry product;
  private long silentAfterMillis;
  private long earlySilentAfterMillis;
  private long nextEvaluation;
  private long lastEvaluation;
  private boolean urgent;
  private String stopReason;
  private long exposedAtStop = -1;
  private double exposedHoursAtStop = Double.NaN;

  /** Established devices per ring (by position) and tenant: index {@code ring * tenants + t}. */
  private long[] establishedInRing;

  private double[] fleetShare;
  private boolean[] halted;
  private final List<String> haltedTenants = new ArrayList<>();
  private final Map<String, Integer> tenantIndex = new HashMap<>();
  private GateResult lastVerdict;

  /** The ring each device is admitted in ({@link #wakeKey}); the rings never change. */
  private int[] ringOf;

  /** The snapshot's generation: every rebuild makes every remembered answer stale. */
  private int generation;

  private Answers answers;

  /** The rollout's admission in the current snapshot. */
  private Admission admission;

  private RingCounts lastWeighed;

  /**
   * @param evaluateSeconds how often the promotion loop evaluates; failures are evaluated at once
   */
  public RinggateRule(
      String name,
      RingPlan plan,
      GateSettings settings,
      int silentAfterPolls,
      int evaluateSeconds) {
    this.name = name;
    this.plan = plan;
    this.settings = settings;
    this.gate = new GateRules(settings);
    this.evidence = new TenantEvidence(gate);
    this.silentAfterPolls = silentAfterPolls;
    this.evaluateMillis = evaluateSeconds * 1000L;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start(Fleet fleet, long nowMillis, Pusher pusher) {
    this.fleet = fleet;
    this.table = new CohortTable(fleet.size(), fleet::tenantIndex);
    established();
    this.silentAfterMillis = (long) (silentAfterPolls * fleet.spec().pollMinutes() * 60_000);
    this.earlySilentAfterMillis =
        (long) (fleet.spec().pollMinutes() * 60_000) + Rules.EARLY_SILENCE_GRACE_SECONDS * 1000L;
    Instant now = Instant.ofEpochMilli(nowMillis);
    Rollout pending = Rollout.pending("rol-sim", "rel-new", fleet.productId(), 1, now);
    rollout = pending.start(1, now, Actor.HEALTH_GATE, "simulation").after();
    ringStarted = new long[plan.rings().size()];
    ringStarted[0] = nowMillis;
    rings = Admission.of(rollout, plan).rings();
    ringOf = new int[fleet.size()];
    for (int d = 0; d < ringOf.length; d++) {
      ringOf[d] = wakeKey(d);
    }
    answers = new Answers(fleet.size());
    rebuild();
  }

  private static ReleaseEntry completed(String releaseId, String version) {
    return new ReleaseEntry(
        releaseId,
        Versioning.SEMVER.parse(version),
        PLATFORMS,
        null,
        Availability.COMPLETED,
        null,
        null,
        "");
  }

  /**
   * The established fleet as {@code EstablishedFleets} reads it: every device, per tenant, in all
   * and per ring by its position.
   */
  private void established() {
    int tenants = fleet.tenantCount();
    int ringCount = plan.rings().size();
    int[] upTo = new int[ringCount];
    for (int i = 0; i < ringCount; i++) {
      upTo[i] = plan.ring(i).shareBp() * Bucketing.PER_BP;
    }
    establishedInRing = new long[ringCount * tenants];
    long[] byTenant = new long[tenants];
    for (int d = 0; d < fleet.size(); d++) {
      int t = fleet.tenantIndex(d);
      byTenant[t]++;
      int position = fleet.position(d);
      for (int i = 0; i < ringCount; i++) {
        if (position < upTo[i]) {
          establishedInRing[i * tenants + t]++;
          break;
        }
      }
    }
    fleetShare = new double[tenants];
    for (int t = 0; t < tenants; t++) {
      fleetShare[t] = byTenant[t] / (double) fleet.size();
      tenantIndex.put(fleet.tenantName(t), t);
    }
    halted = new boolean[tenants];
  }

  private void rebuild() {
    Versioning semver = Versioning.SEMVER;
    admission = Admission.of(rollout, plan);
    List<ReleaseEntry> releases =
        List.of(
            completed("rel-prev", "0.9.0"),
            completed("rel-old", OLD),
            new ReleaseEntry(
                "rel-new",
                semver.parse(NEW),
                PLATFORMS,
                null,
                Availability.of(rollout.state()),
                admission,
                rollout.id(),
                "",
                Set.copyOf(haltedTenants),
                plan.onHalt() == OnHalt.ROLLBACK ? Availability.ROLLED_BACK : Availability.HALTED));
    product = new ProductEntry(fleet.productId(), semver, releases);
    snapshot = new Snapshot(0, Map.of(fleet.productId(), product), fleet.policies());
    generation++;
  }

  @Override
  public int wakeKey(int device) {
    TenantPolicy policy = fleet.policyOf(device);
    Set<String> groups = fleet.groups(device);
    int ring = Admission.ringOf(rings, fleet.position(device), groups, policy.earlyAccess());
    String earliest = policy.earliestRing(groups);
    if (earliest != null) {
      for (int i = 0; i < plan.rings().size(); i++) {
        if (plan.ring(i).name().equals(earliest)) {
          ring = Math.min(ring, i);
        }
      }
    }
    return ring;
  }

  /**
   * Every device, from the start: devices in rings not reached yet are the fleet control (their
   * check-ins and crashes on the previous release count, as in the service).
   */
  @Override
  public int frontier() {
    return Integer.MAX_VALUE;
  }

  @Override
  public Action poll(int device, boolean onRelease, long nowMillis) {
    long silent = nowMillis + silentAfterMillis;
    long quiet = nowMillis + earlySilentAfterMillis;
    int known = answers.known(device, onRelease, generation);
    if (known >= 0 && (onRelease || ringOf[device] > rollout.ringIndex())) {
      // nothing the answer depends on changed: replay it (a ring not reached admits the device at
      // no time of day, and a device on the release stays on it, until the snapshot changes)
      for (int m = 0; m < Answers.MARKS; m++) {
        int mark = Answers.mark(known, m);
        if (mark >= 0) {
          mark(device, Answers.kind(mark), Answers.ring(mark), nowMillis, silent, quiet);
        }
      }
      return Answers.action(known);
    }
    CheckinRequest request =
        new CheckinRequest(
            fleet.tenantId(device),
            fleet.deviceId(device),
            fleet.productId(),
            Fleet.PLATFORM,
            fleet.agentVersion(device),
            onRelease ? NEW : OLD,
            fleet.groups(device));
    Decision decision = Decider.decide(snapshot, request, fleet.position(device), nowMillis);
    List<CohortMark> marks = List.of();
    if (CohortMark.concerns(product, decision)) {
      boolean early = fleet.policyOf(device).earlyAccess();
      marks = CohortMark.of(product, request, decision, fleet.position(device), early);
      for (CohortMark mark : marks) {
        mark(device, mark.kind(), mark.ring(), nowMillis, silent, quiet);
      }
    }
    answers.remember(device, onRelease, generation, decision.action(), marks);
    return decision.action();
  }

  /**
   * A device whose last answer stands: on the release, or in a ring not reached, until the snapshot
   * changes; in the current ring, not admitted yet, until its ramp admits its position (a selector
   * admits at once or never).
   */
  @Override
  public long hold(int device, boolean onRelease, long nowMillis) {
    if (answers.known(device, onRelease, generation) < 0) {
      return NOT_HELD;
    }
    long until = NOT_HELD;
    if (onRelease || ringOf[device] > rollout.ringIndex()) {
      until = Long.MAX_VALUE;
    } else if (ringOf[device] == rollout.ringIndex()
        && admission != null
        && !admission.admits(
            fleet.position(device),
            fleet.groups(device),
            fleet.policyOf(device).earlyAccess(),
            nowMillis)) {
      until = admittedAt(fleet.position(device), nowMillis);
    }
    return until != NOT_HELD && table.hold(device) ? until : NOT_HELD;
  }

  /** When the current ring's ramp admits the position: a binary search over its rising bound. */
  private long admittedAt(int position, long nowMillis) {
    long end = nowMillis + plan.ring(rollout.ringIndex()).rampMinutes() * 60_000L + 1_000;
    if (admission.admittedPositions(end) <= position) {
      return Long.MAX_VALUE;
    }
    long low = nowMillis;
    long high = end;
    while (high - low > 1_000) {
      long mid = (low + high) >>> 1;
      if (admission.admittedPositions(mid) > position) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  }

  @Override
  public void release(int device, long lastPollMillis) {
    table.release(
        device, lastPollMillis + silentAfterMillis, lastPollMillis + earlySilentAfterMillis);
  }

  @Override
  public int generation() {
    return generation;
  }

  private void mark(
      int device, CohortMark.Kind kind, int ring, long nowMillis, long silent, long quiet) {
    switch (kind) {
      case OFFERED -> table.offered(device, ring, nowMillis, silent, quiet);
      case BOOTED -> table.checkedIn(device, ring, nowMillis, silent, quiet);
      case CONTROL -> table.control(device, ring, nowMillis, silent, quiet);
    }
  }

  @Override
  public void installed(int device, long nowMillis) {
    if (counting()) {
      table.installed(
          device,
          telemetryRing(device),
          nowMillis,
          nowMillis + silentAfterMillis,
          nowMillis + earlySilentAfterMillis);
    }
  }

  @Override
  public void crashReported(int device, boolean onRelease, long crashedAt, long nowMillis) {
    if (!counting()) {
      return;
    }
    long at = Math.min(crashedAt, nowMillis);
    if (onRelease) {
      table.crashed(
          device,
          telemetryRing(device),
          at,
          nowMillis + silentAfterMillis,
          nowMillis + earlySilentAfterMillis);
      urgent = true;
    } else if (table.has(device)) {
      table.heard(device, at, nowMillis + silentAfterMillis, nowMillis + earlySilentAfterMillis);
      urgent = true;
    }
  }

  private boolean counting() {
    return CohortMark.counts(Availability.of(rollout.state()));
  }

  /** Telemetry places a device by its position and tenant, as the service's ingest does. */
  private int telemetryRing(int device) {
    return Admission.ringOf(
        rings, fleet.position(device), Set.of(), fleet.policyOf(device).earlyAccess());
  }

  @Override
  public void tick(long nowMillis) {
    if (stopReason != null || rollout.state() == RolloutState.COMPLETED) {
      return;
    }
    // the promotion loop's cadence, and a failure report's nudge at most every few seconds; on
    // very large tables the simulator evaluates less often to stay fast (the verdict there rests on
    // hours of data, not on seconds)
    boolean large = table.rows() >= 20_000;
    boolean due =
        nowMillis >= nextEvaluation || (urgent && nowMillis >= lastEvaluation + URGENT_CALM_MILLIS);
    if (!due) {
      return;
    }
    urgent = false;
    lastEvaluation = nowMillis;
    nextEvaluation = nowMillis + (large ? 5 * evaluateMillis : evaluateMillis);
    int index = rollout.ringIndex();
    CohortTable.ByTenant byTenant =
        table.byTenant(rings.size(), fleet.tenantCount(), nowMillis, recentSince(nowMillis));
    RingCounts[] control = fleetControl(byTenant, index);
    TenantEvidence.Result[] results = new TenantEvidence.Result[index + 1];
    Map<String, Integer> found = new LinkedHashMap<>();
    for (int i = 0; i <= index; i++) {
      results[i] = evidence.evaluate(plan.ring(i), baked(i, nowMillis), ring(byTenant, control, i));
      int ring = i;
      results[i].tenantHalts().keySet().forEach(t -> found.putIfAbsent(t, ring));
    }
    GateResult verdict = GateStep.overall(plan, index, i -> results[i].overall());
    lastVerdict = verdict;
    lastWeighed = results[index].weighed();
    Rollout.Change change = GateStep.next(rollout, plan, verdict, Instant.ofEpochMilli(nowMillis));
    boolean stops =
        change != null
            && (change.after().state() == RolloutState.HALTED
                || change.after().state() == RolloutState.ROLLED_BACK);
    if (!stops && !found.isEmpty()) {
      // as the service: halted for these tenants, whose evidence the gate weighs no more
      for (String tenant : found.keySet()) {
        halted[tenantIndex.get(tenant)] = true;
        haltedTenants.add(tenant);
      }
      if (change == null) {
        rebuild();
      }
    }
    if (change == null) {
      return;
    }
    rollout = change.after();
    if (rollout.ringIndex() != index) {
      ringStarted[rollout.ringIndex()] = nowMillis;
    }
    if (stops) {
      stopReason = change.transition().reason();
      // the rollout view's counters: every device offered, whatever its tenant
      RingCounts[] counts = table.counts(rings.size(), nowMillis, recentSince(nowMillis));
      long exposed = 0;
      double hours = 0;
      for (int i = 0; i <= rollout.ringIndex(); i++) {
        exposed += counts[i].exposed();
        hours += counts[i].exposedHours();
      }
      exposedAtStop = exposed;
      exposedHoursAtStop = hours;
    }
    rebuild();
  }

  /**
   * Ring {@code i}'s evidence per tenant, as {@code RolloutService.evaluation} gathers it: every
   * tenant not halted with devices in the ring (rows, or established by position) or in the fleet
   * control, its established devices the larger of the two.
   */
  private List<TenantCounts> ring(CohortTable.ByTenant byTenant, RingCounts[] control, int i) {
    int tenants = fleet.tenantCount();
    List<TenantCounts> ring = new ArrayList<>();
    for (int t = 0; t < tenants; t++) {
      long rows = byTenant.participants(i, t);
      long inRing = establishedInRing[i * tenants + t];
      if (halted[t] || (rows == 0 && inRing == 0 && control[t] == null)) {
        continue;
      }
      RingCounts own = byTenant.counts(i, t);
      ring.add(
          new TenantCounts(
              fleet.tenantName(t),
              control[t] == null ? own : FleetControl.plusControl(own, control[t]),
              Math.max(inRing, rows),
              fleetShare[t]));
    }
    return ring;
  }

  /**
   * The fleet control per tenant (null for none): the control figures of the rings beyond {@code
   * index}, each tenant's scaled to its share of the established devices there, as the service's.
   */
  private RingCounts[] fleetControl(CohortTable.ByTenant byTenant, int index) {
    int tenants = fleet.tenantCount();
    RingCounts[] sums = new RingCounts[tenants];
    long[] beyond = new long[tenants];
    double shares = 0;
    long established = 0;
    for (int t = 0; t < tenants; t++) {
      if (halted[t]) {
        continue;
      }
      for (int j = index + 1; j < rings.size(); j++) {
        if (byTenant.participants(j, t) > 0) {
          RingCounts row = byTenant.counts(j, t);
          sums[t] = sums[t] == null ? row : FleetControl.plusControl(sums[t], row);
        }
        beyond[t] += establishedInRing[j * tenants + t];
      }
      if (sums[t] != null) {
        shares += fleetShare[t];
        established += beyond[t];
      }
    }
    for (int t = 0; t < tenants; t++) {
      if (sums[t] != null) {
        TenantCounts c = new TenantCounts(fleet.tenantName(t), sums[t], beyond[t], fleetShare[t]);
        double weight = TenantEvidence.weight(c, shares, established);
        sums[t] = FleetControl.plusControl(RingCounts.NONE, TenantEvidence.scale(sums[t], weight));
      }
    }
    return sums;
  }

  private long recentSince(long nowMillis) {
    return nowMillis - settings.catastrophicWindowMinutes() * 60_000L;
  }

  private double baked(int ring, long nowMillis) {
    if (ring > rollout.ringIndex()) {
      return 0;
    }
    long end = ring < rollout.ringIndex() ? ringStarted[ring + 1] : nowMillis;
    return Math.max(0, end - ringStarted[ring]) / 60_000.0;
  }

  @Override
  public String stopReason() {
    return stopReason;
  }

  @Override
  public boolean done() {
    return rollout.state() == RolloutState.COMPLETED;
  }

  @Override
  public long exposedAtStop() {
    return exposedAtStop;
  }

  @Override
  public double exposedHoursAtStop() {
    return exposedHoursAtStop;
  }

  @Override
  public List<String> haltedTenants() {
    return List.copyOf(haltedTenants);
  }

  @Override
  public int stage() {
    return rollout.ringIndex();
  }

  /** The gate's last verdict, or null before the first evaluation. */
  GateResult lastVerdict() {
    return lastVerdict;
  }

  /** The figures the gate weighed in the current ring at its last evaluation. */
  RingCounts lastWeighed() {
    return lastWeighed;
  }

  /** Whether the rollout has a row (a mark or a report) for the device. */
  boolean hasRow(int device) {
    return table.has(device);
  }
}
