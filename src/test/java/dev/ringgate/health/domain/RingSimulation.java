package dev.ringgate.health.domain;

import dev.ringgate.simulate.domain.DeviceHabits;
import dev.ringgate.simulate.domain.DeviceHabits.NightWindow;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A seeded simulation of one ring, device by device, producing the {@link RingCounts} the gate
 * would see at every step. Devices check in every five minutes while switched on; one that missed
 * three check-ins is silent. Devices of the ring join the control group at their first check-in on
 * the old version and move to the release (exposed) at their first check-in after the ramp admits
 * their bucket. Tenants held back by policy stay in the control group. Night hours and crash and
 * loss waits are the simulator's {@link DeviceHabits}.
 */
final class RingSimulation {
  /** Three missed check-ins of five minutes. */
  private static final double SILENT_AFTER_HOURS = 0.25;

  private static final double RECENT_HOURS = 0.5;

  /**
   * What is simulated.
   *
   * @param devices devices of the ring
   * @param heldBackShare share of them whose tenants are held back by policy (never offered)
   * @param admitShare share of the others that the ramp admits at its end
   * @param rampHours time from 1/64 of {@code admitShare} to all of it, in six doublings; 0 admits
   *     everyone at once
   * @param lateShare share of devices that first come online at a uniform time within {@code
   *     lateWindowHours}, instead of at the ring's start
   * @param crashPerHour crash hazard per hour switched on, on the old version
   * @param lostPerHour hazard per hour of falling silent for good, on the old version
   * @param ratio how many times both hazards are on the release
   * @param nightOffShare share of devices switched off every night, about 22:00 to 07:00
   * @param startClock the hour of day at which the ring starts
   * @param hours how long the ring is watched
   * @param stepHours time between evaluations
   */
  record Scenario(
      int devices,
      double heldBackShare,
      double admitShare,
      double rampHours,
      double lateShare,
      double lateWindowHours,
      double crashPerHour,
      double lostPerHour,
      double ratio,
      double nightOffShare,
      double startClock,
      double hours,
      double stepHours) {}

  /** When a run stopped, if it did: hours, and how many devices were exposed then. */
  record Outcome(boolean stopped, double atHours, long exposedAtStop, RingCounts last) {}

  private final Scenario s;
  private final SplittableRandom random;

  // Per device.
  private final double[] arrival;
  private final double[] bucket;
  private final boolean[] heldBack;
  private final NightWindow[] night; // null: on all night
  private final int[] group; // 0 none, 1 control, 2 exposed
  private final double[] joined; // joined the current group at
  private final double[] crashAt; // on-hours left until the crash
  private final double[] lostAt; // wall time of falling silent for good
  private final double[] crashedAt;

  private long controlEver;
  private long controlCrashed;
  private double controlHoursClosed;

  RingSimulation(Scenario scenario, long seed) {
    this.s = scenario;
    this.random = new SplittableRandom(seed);
    int n = s.devices();
    arrival = new double[n];
    bucket = new double[n];
    heldBack = new boolean[n];
    night = new NightWindow[n];
    group = new int[n];
    joined = new double[n];
    crashAt = new double[n];
    lostAt = new double[n];
    crashedAt = new double[n];
    for (int i = 0; i < n; i++) {
      arrival[i] =
          random.nextDouble() < s.lateShare() ? random.nextDouble() * s.lateWindowHours() : 0;
      bucket[i] = random.nextDouble();
      heldBack[i] = random.nextDouble() < s.heldBackShare();
      boolean nightly = random.nextDouble() < s.nightOffShare();
      night[i] = nightly ? DeviceHabits.DEFAULTS.nightWindow(random) : null;
      crashedAt[i] = Double.NaN;
      lostAt[i] = Double.POSITIVE_INFINITY;
    }
  }

  /** Runs until {@code stop} accepts the counts after a step, or the time is up. */
  Outcome run(Predicate<RingCounts> stop) {
    RingCounts counts = RingCounts.NONE;
    int steps = (int) Math.round(s.hours() / s.stepHours());
    for (int k = 1; k <= steps; k++) {
      double t = k * s.stepHours();
      counts = step(t - s.stepHours(), t);
      if (stop.test(counts)) {
        return new Outcome(true, t, counts.exposed(), counts);
      }
    }
    return new Outcome(false, s.hours(), counts.exposed(), counts);
  }

  private double admitted(double t) {
    if (s.rampHours() <= 0) {
      return s.admitShare();
    }
    int doublings = (int) Math.min(6, Math.floor(t / (s.rampHours() / 6)));
    return s.admitShare() * Math.pow(2, doublings) / 64;
  }

  /** Hours the device has been switched off at time t (clock: its hour of day), 0 when on. */
  private double offFor(int i, double t, double clock) {
    if (t >= lostAt[i]) {
      return t - lostAt[i];
    }
    return night[i] == null ? 0 : night[i].hoursOff(clock);
  }

  private void join(int i, int newGroup, double t) {
    double ratio = newGroup == 2 ? s.ratio() : 1;
    group[i] = newGroup;
    joined[i] = t;
    crashAt[i] = DeviceHabits.exponentialWait(random, s.crashPerHour() * ratio);
    lostAt[i] = t + DeviceHabits.exponentialWait(random, s.lostPerHour() * ratio);
    if (newGroup == 1) {
      controlEver++;
    }
  }

  private RingCounts step(double from, double to) {
    double admittedShare = admitted(from);
    double clockFrom = (s.startClock() + from) % 24;
    double clockTo = (s.startClock() + to) % 24;
    long atRisk = 0;
    long crashed = 0;
    long silent = 0;
    long controlSilent = 0;
    long recentExposed = 0;
    long recentCrashed = 0;
    long controlNow = 0;
    double exposedHours = 0;
    double controlHoursOpen = 0;
    for (int i = 0; i < s.devices(); i++) {
      if (arrival[i] > from) {
        continue;
      }
      boolean on = offFor(i, from, clockFrom) == 0;
      boolean admitted = !heldBack[i] && bucket[i] < admittedShare;
      if (on && Double.isNaN(crashedAt[i])) {
        if (group[i] == 0) {
          join(i, admitted ? 2 : 1, from);
        } else if (group[i] == 1 && admitted) {
          controlHoursClosed += from - joined[i];
          join(i, 2, from);
        }
        crashAt[i] -= s.stepHours();
        if (crashAt[i] <= 0) {
          crashedAt[i] = to + crashAt[i];
          if (group[i] == 1) {
            controlCrashed++;
            controlHoursClosed += crashedAt[i] - joined[i];
          }
        }
      }
      boolean isCrashed = !Double.isNaN(crashedAt[i]);
      boolean isSilent =
          !isCrashed && group[i] != 0 && offFor(i, to, clockTo) >= SILENT_AFTER_HOURS;
      if (group[i] == 2) {
        atRisk++;
        exposedHours += (isCrashed ? crashedAt[i] : to) - joined[i];
        crashed += isCrashed ? 1 : 0;
        silent += isSilent ? 1 : 0;
        if (to - joined[i] <= RECENT_HOURS) {
          recentExposed++;
          recentCrashed += isCrashed ? 1 : 0;
        }
      } else if (group[i] == 1 && !isCrashed) {
        controlHoursOpen += to - joined[i];
        controlSilent += isSilent ? 1 : 0;
        controlNow++;
      }
    }
    return new RingCounts(
        atRisk,
        atRisk,
        crashed,
        silent,
        controlEver,
        controlCrashed,
        controlSilent,
        exposedHours,
        controlHoursClosed + controlHoursOpen,
        recentExposed,
        recentCrashed,
        controlNow,
        0, // early silence is not simulated here (the fleet simulator counts it)
        0);
  }
}
