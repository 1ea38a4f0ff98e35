package dev.ringgate.simulate.domain;

import dev.ringgate.health.domain.RingCounts;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * The simulator's {@code rollout_devices}: one row per device of the rollout, each time keeping its
 * earliest value and the silence deadlines (silent, early-silent) their latest, counted per ring
 * exactly as the service's store counts them (a test holds the two to the same figures), and per
 * ring and tenant as the store counts the gate's evidence (every simulated device is established:
 * it checked in before the rollout started).
 */
final class CohortTable {
  private static final long NONE = Long.MIN_VALUE;
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  /** Row number + 1 of each device, 0 for none; the row's fields are stored by row number. */
  private final int[] rowOf;

  private final IntUnaryOperator tenantOf;
  private int[] ring = new int[1024];
  private int[] tenant = new int[1024];
  private long[] offered = filled(1024);
  private long[] exposed = filled(1024);
  private long[] booted = filled(1024);
  private long[] crashed = filled(1024);
  private long[] control = filled(1024);
  private long[] controlCrashed = filled(1024);
  private long[] silentAt = filled(1024);
  private long[] earlyAt = filled(1024);

  /** Rows of devices held (checking in, unsimulated): heard from now, never silent. */
  private boolean[] held = new boolean[1024];

  private int rowCount;

  /**
   * Rows whose counts can only change when the row does (settled: heard from by a held device, or
   * silent past both deadlines; offered before the recent window, if at all): their figures are
   * summed per ring and tenant once, in {@link #settledFigures}, and only the other rows, listed in
   * {@link #live}, are summed at each count. Hours grow with time in some settled rows; those are
   * kept as a constant part and a number of rows growing at one hour per hour.
   */
  private boolean[] settled = new boolean[1024];

  private int[] live = new int[1024];
  private int liveCount;
  private int settledRings = -1;
  private int settledTenants = -1;
  private long[] settledFigures = new long[0];
  private long[] settledParticipants = new long[0];
  private long[] settledMillis = new long[0];
  private long[] settledGrowing = new long[0];

  /** Per ring and tenant, reused by every count: twelve figures, two hours, the rows. */
  private long[] figures = new long[0];

  private double[] hours = new double[0];
  private long[] participants = new long[0];

  CohortTable(int devices) {
    this(devices, d -> 0);
  }

  /**
   * @param tenantOf each device's tenant index (0 to the tenant count, exclusive)
   */
  CohortTable(int devices, IntUnaryOperator tenantOf) {
    rowOf = new int[devices];
    this.tenantOf = tenantOf;
  }

  private static long[] filled(int n) {
    long[] a = new long[n];
    Arrays.fill(a, NONE);
    return a;
  }

  private static long[] grown(long[] a, int n) {
    long[] b = Arrays.copyOf(a, n);
    Arrays.fill(b, a.length, n, NONE);
    return b;
  }

  int rows() {
    return rowCount;
  }

  boolean has(int device) {
    return rowOf[device] != 0;
  }

  void offered(int d, int r, long at, long silent, long early) {
    int k = row(d, r);
    offered[k] = min(offered[k], at);
    silence(k, silent, early);
  }

  /** A check-in on the release: a good boot (and the offer, if none is known). */
  void checkedIn(int d, int r, long at, long silent, long early) {
    int k = row(d, r);
    offered[k] = min(offered[k], at);
    exposed[k] = min(exposed[k], at);
    booted[k] = min(booted[k], at);
    silence(k, silent, early);
  }

  void control(int d, int r, long at, long silent, long early) {
    int k = row(d, r);
    control[k] = min(control[k], at);
    silence(k, silent, early);
  }

  void installed(int d, int r, long at, long silent, long early) {
    int k = row(d, r);
    exposed[k] = min(exposed[k], at);
    silence(k, silent, early);
  }

  void crashed(int d, int r, long at, long silent, long early) {
    int k = row(d, r);
    crashed[k] = min(crashed[k], at);
    silence(k, silent, early);
  }

  /** Heard from, maybe with a crash on an older version; only rows that exist. */
  void heard(int d, long controlCrashAt, long silent, long early) {
    int k = rowOf[d] - 1;
    if (k < 0) {
      return;
    }
    unsettle(k);
    // as the store's touch: a crash on the old version counts for a control device, before any
    // offer of the release
    if (controlCrashAt != NONE
        && control[k] != NONE
        && control[k] <= controlCrashAt
        && (offered[k] == NONE || offered[k] > controlCrashAt)) {
      controlCrashed[k] = min(controlCrashed[k], controlCrashAt);
    }
    silence(k, silent, early);
  }

  static long none() {
    return NONE;
  }

  private int row(int d, int r) {
    int k = rowOf[d] - 1;
    if (k >= 0) {
      unsettle(k);
      return k;
    }
    k = rowCount++;
    if (k == ring.length) {
      int n = k * 2;
      ring = Arrays.copyOf(ring, n);
      tenant = Arrays.copyOf(tenant, n);
      offered = grown(offered, n);
      exposed = grown(exposed, n);
      booted = grown(booted, n);
      crashed = grown(crashed, n);
      control = grown(control, n);
      controlCrashed = grown(controlCrashed, n);
      silentAt = grown(silentAt, n);
      earlyAt = grown(earlyAt, n);
      held = Arrays.copyOf(held, n);
      settled = Arrays.copyOf(settled, n);
      live = Arrays.copyOf(live, n);
    }
    ring[k] = r;
    tenant[k] = tenantOf.applyAsInt(d);
    rowOf[d] = k + 1;
    live[liveCount++] = k;
    return k;
  }

  /** A settled row about to change is live again: its figures leave the settled sums. */
  private void unsettle(int k) {
    if (!settled[k]) {
      return;
    }
    settle(k, -1);
    settled[k] = false;
    live[liveCount++] = k;
  }

  /**
   * Whether a row's figures stay as they are until it changes: no silence deadline ahead (held, or
   * both passed), and not offered within the recent window.
   */
  private boolean settles(int k, long now, long recentSince) {
    boolean quiet =
        held[k]
            || ((silentAt[k] == NONE || silentAt[k] < now)
                && (earlyAt[k] == NONE || earlyAt[k] < now));
    return quiet && (offered[k] == NONE || offered[k] < recentSince);
  }

  /** Adds ({@code sign} 1) or takes away (-1) a settled row's figures in the settled sums. */
  private void settle(int k, int sign) {
    int s = ring[k] * settledTenants + tenant[k];
    int f = s * FIGURES;
    settledParticipants[s] += sign;
    boolean atRisk = offered[k] != NONE;
    boolean isCrashed = crashed[k] != NONE;
    boolean silent = !held[k] && silentAt[k] != NONE;
    boolean early = !held[k] && earlyAt[k] != NONE;
    if (atRisk) {
      settledFigures[f + 1] += sign;
      if (exposed[k] != NONE || booted[k] != NONE) {
        settledFigures[f] += sign;
      }
      if (isCrashed) {
        settledFigures[f + 2] += sign;
        settledMillis[2 * s] += sign * Math.max(crashed[k] - offered[k], 0);
      } else {
        settledFigures[f + 3] += silent ? sign : 0;
        settledFigures[f + 10] += early ? sign : 0;
        settledMillis[2 * s] -= sign * offered[k];
        settledGrowing[2 * s] += sign;
      }
    }
    if (control[k] != NONE) {
      settledFigures[f + 4] += sign;
      boolean controlCrash = controlCrashed[k] != NONE;
      if (controlCrash) {
        settledFigures[f + 5] += sign;
      } else if (!atRisk) {
        settledFigures[f + 9] += sign;
        settledFigures[f + 6] += silent ? sign : 0;
        settledFigures[f + 11] += early ? sign : 0;
      }
      if (atRisk || controlCrash) {
        long end =
            Math.min(
                atRisk ? offered[k] : Long.MAX_VALUE,
                controlCrash ? controlCrashed[k] : Long.MAX_VALUE);
        settledMillis[2 * s + 1] += sign * Math.max(end - control[k], 0);
      } else {
        settledMillis[2 * s + 1] -= sign * control[k];
        settledGrowing[2 * s + 1] += sign;
      }
    }
  }

  /**
   * The device checks in on every poll from now on without being simulated: it is heard from at
   * every count until {@link #release}d. False, holding nothing, for a device without a row.
   */
  boolean hold(int d) {
    int k = rowOf[d] - 1;
    if (k < 0) {
      return false;
    }
    unsettle(k);
    held[k] = true;
    return true;
  }

  /** A held device's silence runs from its last check-in again: these deadlines. */
  void release(int d, long silent, long early) {
    int k = rowOf[d] - 1;
    if (k >= 0 && held[k]) {
      unsettle(k);
      held[k] = false;
      silence(k, silent, early);
    }
  }

  private void silence(int k, long at, long early) {
    silentAt[k] = Math.max(silentAt[k], at);
    earlyAt[k] = Math.max(earlyAt[k], early);
  }

  private static long min(long current, long value) {
    return current == NONE ? value : Math.min(current, value);
  }

  /** The counts of every ring at {@code now}, as {@code RingCountsStore} sums them. */
  RingCounts[] counts(int rings, long now, long recentSince) {
    accumulate(rings, 1, now, recentSince, false);
    RingCounts[] counts = new RingCounts[rings];
    for (int r = 0; r < rings; r++) {
      counts[r] = slot(r);
    }
    return counts;
  }

  /**
   * The gate's evidence at {@code now}: the counts per ring and tenant, as {@code
   * RingCountsStore}'s evidence query sums them (every row's device is established), with each
   * slot's rows (the query's participants). Valid until the next count; allocates only on the first
   * count.
   */
  ByTenant byTenant(int rings, int tenants, long now, long recentSince) {
    accumulate(rings, tenants, now, recentSince, true);
    return new ByTenant(tenants);
  }

  /** A view of the last per-tenant count. */
  final class ByTenant {
    private final int tenants;

    private ByTenant(int tenants) {
      this.tenants = tenants;
    }

    /** The tenant's rows in the ring (0: none). */
    long participants(int r, int t) {
      return participants[r * tenants + t];
    }

    /** The tenant's counts in the ring, or {@link RingCounts#NONE}. */
    RingCounts counts(int r, int t) {
      return participants(r, t) == 0 ? RingCounts.NONE : slot(r * tenants + t);
    }
  }

  private RingCounts slot(int s) {
    int f = s * FIGURES;
    return new RingCounts(
        figures[f],
        figures[f + 1],
        figures[f + 2],
        figures[f + 3],
        figures[f + 4],
        figures[f + 5],
        figures[f + 6],
        hours[2 * s] / MILLIS_PER_HOUR,
        hours[2 * s + 1] / MILLIS_PER_HOUR,
        figures[f + 7],
        figures[f + 8],
        figures[f + 9],
        figures[f + 10],
        figures[f + 11]);
  }

  private static final int FIGURES = 12;

  /**
   * Sums every row into its slot (ring, or ring and tenant when {@code tenants} is above 1). {@code
   * incremental}: the settled rows' sums are taken as they are, only live rows are summed, and live
   * rows that settle join the settled sums; else every row is summed.
   */
  private void accumulate(int rings, int tenants, long now, long recentSince, boolean incremental) {
    int slots = rings * tenants;
    if (participants.length < slots) {
      figures = new long[slots * FIGURES];
      hours = new double[slots * 2];
      participants = new long[slots];
    }
    if (!incremental) {
      Arrays.fill(figures, 0, slots * FIGURES, 0);
      Arrays.fill(hours, 0, slots * 2, 0);
      Arrays.fill(participants, 0, slots, 0);
      for (int d = 0; d < rowCount; d++) {
        add(d, tenants == 1 ? ring[d] : ring[d] * tenants + tenant[d], now, recentSince);
      }
      return;
    }
    if (settledRings != rings || settledTenants != tenants) {
      unsettleAll(rings, tenants);
    }
    System.arraycopy(settledFigures, 0, figures, 0, slots * FIGURES);
    System.arraycopy(settledParticipants, 0, participants, 0, slots);
    for (int i = 0; i < slots * 2; i++) {
      hours[i] = settledMillis[i] + settledGrowing[i] * now;
    }
    for (int i = 0; i < liveCount; ) {
      int k = live[i];
      add(k, ring[k] * tenants + tenant[k], now, recentSince);
      if (settles(k, now, recentSince)) {
        settled[k] = true;
        settle(k, 1);
        int last = live[--liveCount];
        live[i] = last;
      } else {
        i++;
      }
    }
  }

  /** Every row live again, the settled sums empty, for counts by these rings and tenants. */
  private void unsettleAll(int rings, int tenants) {
    settledRings = rings;
    settledTenants = tenants;
    int slots = rings * tenants;
    settledFigures = new long[slots * FIGURES];
    settledParticipants = new long[slots];
    settledMillis = new long[slots * 2];
    settledGrowing = new long[slots * 2];
    liveCount = 0;
    for (int k = 0; k < rowCount; k++) {
      settled[k] = false;
      live[liveCount++] = k;
    }
  }

  /** Adds one row's figures at {@code now} to slot {@code s}. */
  private void add(int d, int s, long now, long recentSince) {
    int f = s * FIGURES;
    participants[s]++;
    boolean atRisk = offered[d] != NONE;
    boolean isCrashed = crashed[d] != NONE;
    boolean silent = !held[d] && silentAt[d] != NONE && silentAt[d] < now;
    boolean early = !held[d] && earlyAt[d] != NONE && earlyAt[d] < now;
    if (atRisk) {
      figures[f + 1]++;
      if (exposed[d] != NONE || booted[d] != NONE) {
        figures[f]++;
      }
      if (isCrashed) {
        figures[f + 2]++;
      } else {
        figures[f + 3] += silent ? 1 : 0;
        figures[f + 10] += early ? 1 : 0;
      }
      long end = Math.min(isCrashed ? crashed[d] : now, now);
      hours[2 * s] += Math.max(end - offered[d], 0);
      if (offered[d] >= recentSince) {
        if (exposed[d] != NONE || isCrashed) {
          figures[f + 7]++;
        }
        if (isCrashed) {
          figures[f + 8]++;
        }
      }
    }
    if (control[d] != NONE) {
      figures[f + 4]++;
      boolean controlCrash = controlCrashed[d] != NONE;
      if (controlCrash) {
        figures[f + 5]++;
      } else if (!atRisk) {
        figures[f + 9]++;
        figures[f + 6] += silent ? 1 : 0;
        figures[f + 11] += early ? 1 : 0;
      }
      long end = now;
      if (atRisk) {
        end = Math.min(end, offered[d]);
      }
      if (controlCrash) {
        end = Math.min(end, controlCrashed[d]);
      }
      hours[2 * s + 1] += Math.max(end - control[d], 0);
    }
  }
}
