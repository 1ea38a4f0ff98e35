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
import dev.ringgate.health.domain.GateInput;
import dev.ringgate.health.domain.GateResult;
import dev.ringgate.health.domain.GateRules;
import dev.ringgate.health.domain.GateSettings;
import dev.ringgate.health.domain.RingCounts;
import dev.ringgate.kernel.Actor;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.rollout.domain.Admission;
import dev.ringgate.rollout.domain.GateStep;
import dev.ringgate.rollout.domain.RingSchedule;
import dev.ringgate.rollout.domain.Rollout;
import dev.ringgate.rollout.domain.RolloutState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ringgate itself: every check-in is answered by the service's {@link Decider} on a snapshot built
 * as the service builds it, the check-in's {@link CohortMark}s and the telemetry fill the rollout's
 * device rows, and the service's gate ({@link GateRules}) and {@link GateStep} halt or promote the
 * real {@link Rollout} state machine.
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
    this.table = new CohortTable(fleet.size());
    this.silentAfterMillis = (long) (silentAfterPolls * fleet.spec().pollMinutes() * 60_000);
    this.earlySilentAfterMillis =
        (long) (fleet.spec().pollMinutes() * 60_000) + Rules.EARLY_SILENCE_GRACE_SECONDS * 1000L;
    Instant now = Instant.ofEpochMilli(nowMillis);
    Rollout pending = Rollout.pending("rol-sim", "rel-new", fleet.productId(), 1, now);
    rollout = pending.start(1, now, Actor.HEALTH_GATE, "simulation").after();
    ringStarted = new long[plan.rings().size()];
    ringStarted[0] = nowMillis;
    rings = Admission.of(rollout, plan).rings();
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

  private void rebuild() {
    Versioning semver = Versioning.SEMVER;
    Admission admission = Admission.of(rollout, plan);
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
                ""));
    product = new ProductEntry(fleet.productId(), semver, releases);
    snapshot = new Snapshot(0, Map.of(fleet.productId(), product), fleet.policies());
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
    CheckinRequest request =
        new CheckinRequest(
            fleet.tenantId(device),
            fleet.deviceId(device),
            fleet.productId(),
            Fleet.PLATFORM,
            fleet.agentVersion(device),
            onRelease ? NEW : OLD,
            fleet.groups(device));
    Decision decision = Decider.decide(snapshot, request, nowMillis);
    if (CohortMark.concerns(product, decision)) {
      boolean early = fleet.policyOf(device).earlyAccess();
      long silent = nowMillis + silentAfterMillis;
      long quiet = nowMillis + earlySilentAfterMillis;
      for (CohortMark mark :
          CohortMark.of(product, request, decision, fleet.position(device), early)) {
        switch (mark.kind()) {
          case OFFERED -> table.offered(device, mark.ring(), nowMillis, silent, quiet);
          case BOOTED -> table.checkedIn(device, mark.ring(), nowMillis, silent, quiet);
          case CONTROL -> table.control(device, mark.ring(), nowMillis, silent, quiet);
        }
      }
    }
    return decision.action();
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
    boolean large = table.rows() >= 200_000;
    boolean due =
        nowMillis >= nextEvaluation || (urgent && nowMillis >= lastEvaluation + URGENT_CALM_MILLIS);
    if (!due) {
      return;
    }
    urgent = false;
    lastEvaluation = nowMillis;
    nextEvaluation = nowMillis + (large ? 5 * evaluateMillis : evaluateMillis);
    RingCounts[] counts =
        FleetControl.pooled(
            table.counts(rings.size(), nowMillis, recentSince(nowMillis)), rollout.ringIndex());
    GateResult verdict =
        GateStep.overall(
            plan,
            rollout.ringIndex(),
            i -> gate.evaluate(new GateInput(plan.ring(i), counts[i], baked(i, nowMillis))));
    Rollout.Change change = GateStep.next(rollout, plan, verdict, Instant.ofEpochMilli(nowMillis));
    if (change == null) {
      return;
    }
    int before = rollout.ringIndex();
    rollout = change.after();
    if (rollout.ringIndex() != before) {
      ringStarted[rollout.ringIndex()] = nowMillis;
    }
    if (rollout.state() == RolloutState.HALTED || rollout.state() == RolloutState.ROLLED_BACK) {
      stopReason = change.transition().reason();
      long exposed = 0;
      double hours = 0;
      for (int i = 0; i <= rollout.ringIndex(); i++) {
        RingCounts ring = counts[i];
        exposed += ring.exposed();
        hours += ring.exposedHours();
      }
      exposedAtStop = exposed;
      exposedHoursAtStop = hours;
    }
    rebuild();
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
  public int stage() {
    return rollout.ringIndex();
  }

  /** Whether the rollout has a row (a mark or a report) for the device. */
  boolean hasRow(int device) {
    return table.has(device);
  }
}
