package dev.ringgate.simulate.domain;

import dev.ringgate.health.domain.RingCounts;
import java.util.Arrays;

/**
 * The simulator's {@code rollout_devices}: one row per device of the rollout, each time keeping its
 * earliest value and the silence deadlines (silent, early-silent) their latest, counted per ring
 * exactly as the service's store counts them (a test holds the two to the same figures).
 */
final class CohortTable {
  private static final long NONE = Long.MIN_VALUE;
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  /** Row number + 1 of each device, 0 for none; the row's fields are stored by row number. */
  private final int[] rowOf;

  private int[] ring = new int[1024];
  private long[] offered = filled(1024);
  private long[] exposed = filled(1024);
  private long[] booted = filled(1024);
  private long[] crashed = filled(1024);
  private long[] control = filled(1024);
  private long[] controlCrashed = filled(1024);
  private long[] silentAt = filled(1024);
  private long[] earlyAt = filled(1024);
  private int rowCount;

  CohortTable(int devices) {
    rowOf = new int[devices];
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
      return k;
    }
    k = rowCount++;
    if (k == ring.length) {
      int n = k * 2;
      ring = Arrays.copyOf(ring, n);
      offered = grown(offered, n);
      exposed = grown(exposed, n);
      booted = grown(booted, n);
      crashed = grown(crashed, n);
      control = grown(control, n);
      controlCrashed = grown(controlCrashed, n);
      silentAt = grown(silentAt, n);
      earlyAt = grown(earlyAt, n);
    }
    ring[k] = r;
    rowOf[d] = k + 1;
    return k;
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
    long[][] c = new long[rings][12];
    double[][] hours = new double[rings][2];
    for (int d = 0; d < rowCount; d++) {
      long[] f = c[ring[d]];
      double[] h = hours[ring[d]];
      boolean atRisk = offered[d] != NONE;
      boolean isCrashed = crashed[d] != NONE;
      boolean silent = silentAt[d] != NONE && silentAt[d] < now;
      boolean early = earlyAt[d] != NONE && earlyAt[d] < now;
      if (atRisk) {
        f[1]++;
        if (exposed[d] != NONE || booted[d] != NONE) {
          f[0]++;
        }
        if (isCrashed) {
          f[2]++;
        } else {
          f[3] += silent ? 1 : 0;
          f[10] += early ? 1 : 0;
        }
        long end = Math.min(isCrashed ? crashed[d] : now, now);
        h[0] += Math.max(end - offered[d], 0);
        if (offered[d] >= recentSince) {
          if (exposed[d] != NONE || isCrashed) {
            f[7]++;
          }
          if (isCrashed) {
            f[8]++;
          }
        }
      }
      if (control[d] != NONE) {
        f[4]++;
        boolean controlCrash = controlCrashed[d] != NONE;
        if (controlCrash) {
          f[5]++;
        } else if (!atRisk) {
          f[9]++;
          f[6] += silent ? 1 : 0;
          f[11] += early ? 1 : 0;
        }
        long end = now;
        if (atRisk) {
          end = Math.min(end, offered[d]);
        }
        if (controlCrash) {
          end = Math.min(end, controlCrashed[d]);
        }
        h[1] += Math.max(end - control[d], 0);
      }
    }
    RingCounts[] counts = new RingCounts[rings];
    for (int r = 0; r < rings; r++) {
      long[] f = c[r];
      counts[r] =
          new RingCounts(
              f[0],
              f[1],
              f[2],
              f[3],
              f[4],
              f[5],
              f[6],
              hours[r][0] / MILLIS_PER_HOUR,
              hours[r][1] / MILLIS_PER_HOUR,
              f[7],
              f[8],
              f[9],
              f[10],
              f[11]);
    }
    return counts;
  }
}
