package dev.ringgate.simulate.domain;

import dev.ringgate.checkin.domain.Action;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * One seeded run of a release through a simulated fleet under one rule, in simulated time (a second
 * at a time): devices poll on jittered intervals, install what they are told, boot the release and
 * report installs and crashes; the scenario decides how the release behaves. The run ends when the
 * rule stops the rollout, when the rollout is done, or at the time limit.
 *
 * <p>Devices the rule cannot concern yet (below its frontier) are not simulated: their answer would
 * be "stay" and nothing they do is counted. They start polling, at a random phase, when the
 * frontier reaches them.
 */
public final class FleetRun {
  /** Simulated time starts on a Monday at 09:00 UTC. */
  public static final long START_MILLIS = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();

  private static final int INSTALL_DONE = 1;
  private static final int CRASH = 2;
  private static final int REPORT = 3;
  private static final int WAKE = 4;
  private static final int POLL = 5;
  private static final int LOST = 6;
  private static final int SLEEP = 7;
  private static final int UNHOLD = 0;

  private static final byte ALIVE = 0;
  private static final byte LOOPING = 1;
  private static final byte BRICKED = 2;
  private static final byte GONE = 3;

  /** What a run found. */
  public record Result(
      String rule,
      String scenario,
      int fleet,
      long seed,
      boolean stopped,
      boolean completed,
      int blastRadius,
      int brokenDevices,
      double minutesToStop,
      long exposedAtStop,
      double exposedHoursAtStop,
      int stage,
      String reason,
      double simulatedHours,
      long polls,
      double wallSeconds,
      int tenantsHalted,
      boolean forgerHalted) {}

  private final Fleet fleet;
  private final Scenario scenario;
  private final Rule rule;
  private final long seed;
  private final double maxHours;
  private final SplittableRandom random;
  private final DeviceHabits habits = DeviceHabits.DEFAULTS;
  private final boolean everyDevice;

  private final byte[] state;
  private final boolean[] onRelease;
  private final boolean[] offered;
  private final long[] crashSecond;
  private final long[] reportCrashAt;

  /**
   * The second of a held device's last simulated check-in, -1 for a device not held: a held device
   * goes on checking in every poll interval from there, unsimulated ({@link Rule#hold}).
   */
  private final long[] heldSince;

  private int generation;
  private final PollWheel wheel;
  private final LongHeap events = new LongHeap();
  private final int pollSeconds;
  private final int jitterSeconds;
  private final double baselinePerSecond;
  private final double lostPerSecond;
  private int[] order;
  private int woken;
  private int offeredCount;
  private int brokenCount;
  private long polls;
  private long now;
  private long wallStart;

  public FleetRun(Fleet fleet, Scenario scenario, Rule rule, long seed, double maxHours) {
    this(fleet, scenario, rule, seed, maxHours, false);
  }

  /**
   * @param everyDevice poll every device from the start, also those the rule cannot concern yet
   *     (slower; the same outcome, which a test checks)
   */
  public FleetRun(
      Fleet fleet, Scenario scenario, Rule rule, long seed, double maxHours, boolean everyDevice) {
    this.everyDevice = everyDevice;
    this.fleet = fleet;
    this.scenario = scenario;
    this.rule = rule;
    this.seed = seed;
    this.maxHours = maxHours;
    this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
    int n = fleet.size();
    state = new byte[n];
    onRelease = new boolean[n];
    offered = new boolean[n];
    crashSecond = new long[n];
    reportCrashAt = new long[n];
    heldSince = new long[n];
    java.util.Arrays.fill(heldSince, -1);
    pollSeconds = (int) Math.round(fleet.spec().pollMinutes() * 60);
    jitterSeconds = (int) Math.round(pollSeconds * fleet.spec().pollJitter());
    wheel = new PollWheel(pollSeconds + jitterSeconds + 2);
    baselinePerSecond = fleet.spec().crashesPerDay() / 86_400.0;
    lostPerSecond = fleet.spec().lostPerDay() / 86_400.0;
  }

  /** Runs to the end and says what happened. */
  public Result run() {
    wallStart = System.nanoTime();
    rule.start(fleet, START_MILLIS, device -> schedule(now + 1, POLL, device));
    generation = rule.generation();
    order = fleet.orderBy(rule::wakeKey);
    long end = (long) (maxHours * 3600);
    long doneAt = Long.MAX_VALUE;
    for (now = 0; now <= end; now++) {
      wake();
      while (!events.isEmpty() && (events.peek() >>> 27) <= now) {
        long event = events.poll();
        handle((int) ((event >>> 24) & 7), (int) (event & 0xFFFFFF));
      }
      int count = wheel.count(now);
      if (count > 0) {
        int[] due = wheel.take(now);
        for (int k = 0; k < count; k++) {
          poll(due[k]);
        }
        wheel.clear(now);
      }
      rule.tick(millis(now));
      if (rule.stopReason() != null) {
        return result(true, false);
      }
      if (rule.generation() != generation) {
        generation = rule.generation();
        releaseHeld();
      }
      if (rule.done() && doneAt == Long.MAX_VALUE) {
        doneAt = now;
        if (!scenario.bad()) {
          return result(false, true);
        }
      }
      // once done, one more poll round and the installs it starts, then the blast radius is final
      if (doneAt != Long.MAX_VALUE && now >= doneAt + pollSeconds + jitterSeconds + 150) {
        return result(false, true);
      }
    }
    now = end;
    return result(false, rule.done());
  }

  private Result result(boolean stopped, boolean completed) {
    for (int d = 0; d < heldSince.length; d++) {
      if (heldSince[d] >= 0) {
        polls += (now - heldSince[d]) / pollSeconds;
      }
    }
    return new Result(
        rule.name(),
        scenario.name(),
        fleet.size(),
        seed,
        stopped,
        completed,
        offeredCount,
        brokenCount,
        now / 60.0,
        rule.exposedAtStop(),
        rule.exposedHoursAtStop(),
        rule.stage(),
        stopped ? rule.stopReason() : null,
        now / 3600.0,
        polls,
        (System.nanoTime() - wallStart) / 1e9,
        rule.haltedTenants().size(),
        fleet.forgerId() != null && rule.haltedTenants().contains(fleet.forgerId()));
  }

  private static long millis(long second) {
    return START_MILLIS + second * 1000;
  }

  private void wake() {
    int frontier = everyDevice ? Integer.MAX_VALUE : rule.frontier();
    while (woken < order.length && rule.wakeKey(order[woken]) < frontier) {
      int device = order[woken++];
      if (fleet.forged(device)) {
        // the forger's scripts: they poll like any agent, never go silent and never crash
        wheel.add(now + 1 + DeviceHabits.pollPhase(random, pollSeconds), device);
        continue;
      }
      if (DeviceHabits.happenedWithin(random, lostPerSecond, now)) {
        state[device] = GONE;
        continue;
      }
      scheduleLoss(device);
      scheduleCrash(device);
      wheel.add(now + 1 + DeviceHabits.pollPhase(random, pollSeconds), device);
    }
  }

  private void poll(int device) {
    if (state[device] != ALIVE) {
      return;
    }
    long offUntil = offUntil(device, now);
    if (offUntil > now) {
      schedule(offUntil, WAKE, device);
      return;
    }
    Action action = ask(device);
    if (action == Action.ROLLBACK && onRelease[device]) {
      onRelease[device] = false;
      scheduleCrash(device);
    }
    if (!onRelease[device] || rule.hearsPollsOnRelease()) {
      long until = rule.hold(device, onRelease[device], millis(now));
      if (until != Rule.NOT_HELD) {
        heldSince[device] = now;
        scheduleSleep(device);
        if (until != Long.MAX_VALUE) {
          long second = Math.max(now + 1, ceilDiv(until - START_MILLIS, 1000));
          if (second < maxHours * 3600) {
            schedule(second, UNHOLD, device);
          }
        }
      } else {
        next(device);
      }
    }
  }

  /**
   * A held device's first check-in in its night, on its grid of polls: it is released, its last
   * check-in the one before, and goes off until the morning.
   */
  private void scheduleSleep(int device) {
    DeviceHabits.NightWindow night = night(device);
    if (night == null) {
      return;
    }
    long first = now + pollSeconds;
    long off = first + (long) Math.ceil(night.hoursUntilOff(clock(first)) * 3600);
    long at = now + ceilDiv(off - now, pollSeconds) * pollSeconds;
    while (offUntil(device, at) <= at) {
      at += pollSeconds;
    }
    if (at < maxHours * 3600) {
      schedule(at, SLEEP, device);
    }
  }

  private void sleep(int device) {
    long since = heldSince[device];
    if (since < 0 || state[device] != ALIVE || (now - since) % pollSeconds != 0) {
      return;
    }
    unhold(device, now - pollSeconds);
    poll(device);
  }

  /** Every held device checks in again from its next poll: an answer may have changed. */
  private void releaseHeld() {
    for (int d = 0; d < heldSince.length; d++) {
      if (heldSince[d] >= 0) {
        resume(d);
      }
    }
  }

  /** A held device checks in again from its next poll on its grid. */
  private void resume(int device) {
    long last = lastHeldPoll(device);
    unhold(device, last);
    wheel.add(last + pollSeconds, device);
  }

  /** The second of a held device's last (unsimulated) check-in up to now. */
  private long lastHeldPoll(int device) {
    long since = heldSince[device];
    return since + (now - since) / pollSeconds * pollSeconds;
  }

  private void unhold(int device, long lastPoll) {
    polls += (lastPoll - heldSince[device]) / pollSeconds;
    heldSince[device] = -1;
    rule.release(device, millis(lastPoll));
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private void next(int device) {
    int delay = DeviceHabits.pollDelay(random, pollSeconds, jitterSeconds);
    wheel.add(now + Math.max(1, delay), device);
  }

  private void handle(int type, int device) {
    switch (type) {
      case INSTALL_DONE -> booted(device);
      case CRASH -> crash(device);
      case REPORT -> report(device);
      case WAKE -> poll(device);
      case POLL -> {
        if (state[device] == ALIVE && offUntil(device, now) <= now) {
          pollOutOfTurn(device);
        }
      }
      case LOST -> {
        if (heldSince[device] >= 0) {
          unhold(device, lastHeldPoll(device));
        }
        state[device] = state[device] == ALIVE ? GONE : state[device];
      }
      case SLEEP -> sleep(device);
      case UNHOLD -> {
        // a hold ends (or a stale end of an earlier one: the device merely checks in once more)
        if (heldSince[device] >= 0 && state[device] == ALIVE) {
          resume(device);
        }
      }
      default -> throw new IllegalStateException("unknown event " + type);
    }
  }

  /** A poll outside the wheel (a push): the device keeps its own turns on the wheel. */
  private void pollOutOfTurn(int device) {
    ask(device);
  }

  /** The rule's answer to a check-in; an INSTALL starts the install (30 to 120 s). */
  private Action ask(int device) {
    polls++;
    Action action = rule.poll(device, onRelease[device], millis(now));
    if (action == Action.INSTALL && !onRelease[device]) {
      if (!offered[device] && !fleet.forged(device)) {
        offered[device] = true;
        offeredCount++;
      }
      schedule(now + 30 + random.nextInt(90), INSTALL_DONE, device);
    }
    return action;
  }

  private void booted(int device) {
    if (state[device] != ALIVE || onRelease[device]) {
      return;
    }
    onRelease[device] = true;
    if (fleet.forged(device)) {
      forgedBoot(device);
      return;
    }
    if (scenario.breaks(fleet.oldAgent(device))) {
      brokenCount++;
      if (scenario.silent()) {
        state[device] = BRICKED;
        return;
      }
      rule.installed(device, millis(now));
      state[device] = LOOPING;
      long crashAt = now + 60 + random.nextInt(240);
      crashSecond[device] = crashAt;
      schedule(crashAt, CRASH, device);
      return;
    }
    rule.installed(device, millis(now));
    scheduleCrash(device);
  }

  /**
   * A made-up device "boots" the release: it reports INSTALLED, and at once a CRASH when the forger
   * fabricates crashes; either way it goes on checking in.
   */
  private void forgedBoot(int device) {
    rule.installed(device, millis(now));
    if (scenario.forgedCrash()) {
      rule.crashReported(device, true, millis(now), millis(now));
    }
  }

  private void crash(int device) {
    if (crashSecond[device] != now || state[device] == GONE || state[device] == BRICKED) {
      return;
    }
    if (state[device] == ALIVE) {
      long offUntil = offUntil(device, now);
      if (offUntil > now) {
        crashSecond[device] = offUntil;
        schedule(offUntil, CRASH, device);
        return;
      }
    }
    long delay = habits.reportDelaySeconds(random, scenario.lateShare(), scenario.burstHours());
    reportCrashAt[device] = now;
    boolean release = onRelease[device];
    long at = now + delay;
    schedule(at, REPORT, device | (release ? 1 << 23 : 0));
    if (state[device] == ALIVE) {
      scheduleCrash(device);
    }
  }

  private void report(int encoded) {
    int device = encoded & 0x7FFFFF;
    boolean release = (encoded & (1 << 23)) != 0;
    if (state[device] == GONE || state[device] == BRICKED) {
      return;
    }
    rule.crashReported(device, release, millis(reportCrashAt[device]), millis(now));
  }

  /** The next crash of a device on its current version, if it falls within the run. */
  private void scheduleCrash(int device) {
    if (fleet.forged(device)) {
      return;
    }
    double rate = baselinePerSecond;
    if (onRelease[device] && (!scenario.oldAgentOnly() || fleet.oldAgent(device))) {
      rate *= scenario.crashRatio();
    }
    crashSecond[device] = -1;
    double wait = DeviceHabits.exponentialWait(random, rate);
    if (now + wait < maxHours * 3600) {
      long at = now + Math.max(1, (long) wait);
      crashSecond[device] = at;
      schedule(at, CRASH, device);
    }
  }

  private void scheduleLoss(int device) {
    double wait = DeviceHabits.exponentialWait(random, lostPerSecond);
    if (now + wait < maxHours * 3600) {
      schedule(now + Math.max(1, (long) wait), LOST, device);
    }
  }

  private void schedule(long second, int type, int device) {
    events.add((second << 27) | ((long) type << 24) | device);
  }

  /**
   * When a device switched off at night is on again, or {@code second} itself when it is on. Its
   * hours ({@link DeviceHabits#nightWindow(double, double)}, UTC) come from its index, so they do
   * not depend on the order in which devices wake.
   */
  private long offUntil(int device, long second) {
    DeviceHabits.NightWindow night = night(device);
    if (night == null) {
      return second;
    }
    double clock = clock(second);
    if (!night.isOff(clock)) {
      return second;
    }
    return second + Math.max(1, (long) (night.hoursUntilOn(clock) * 3600));
  }

  /** The device's hours off at night, or null for a device that is never switched off. */
  private DeviceHabits.NightWindow night(int device) {
    if (fleet.forged(device)) {
      return null;
    }
    boolean nightly =
        scenario.nightOffShare() > 0
            ? unit(device, 3) < scenario.nightOffShare()
            : fleet.nightOff(device);
    return nightly ? habits.nightWindow(unit(device, 1), unit(device, 2)) : null;
  }

  /** The hour of day (UTC) at a simulated second. */
  private static double clock(long second) {
    return ((second + 9 * 3600) % 86_400) / 3600.0;
  }

  private double unit(int device, int salt) {
    long h = (device * 0x9E3779B97F4A7C15L) ^ (salt * 0xC2B2AE3D27D4EB4FL) ^ seed;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (h >>> 11) * 0x1.0p-53;
  }
}
