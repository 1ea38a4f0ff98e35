package dev.ringgate.simulate.domain;

import dev.ringgate.checkin.domain.Action;
import java.util.List;

/**
 * A halting rule in the simulator: it decides which devices get the release, hears what they
 * report, and stops the rollout by its own criteria. Ringgate's is the service's own decision and
 * gate code; the peers' follow their documented defaults.
 */
public interface Rule {
  /** Lets a rule reach a device at once (a push notification), rather than at its next poll. */
  interface Pusher {
    void push(int device);
  }

  String name();

  /** Called once, before anything else, when the rollout starts. */
  void start(Fleet fleet, long nowMillis, Pusher pusher);

  /**
   * Devices are simulated once their key is below {@link #frontier()}: until then the rule cannot
   * concern them (their answer is "stay", and nothing they do is counted).
   */
  int wakeKey(int device);

  int frontier();

  /**
   * Whether check-ins of devices already on the release still matter to the rule. Ringgate counts
   * them (a good boot, the silence deadline); most peers only hear installs and crash reports, so
   * the simulator lets those devices stop polling, which saves most of the work.
   */
  default boolean hearsPollsOnRelease() {
    return true;
  }

  /** {@link #hold}: the device is not held. */
  long NOT_HELD = -1;

  /**
   * Whether the device, just answered, may stop checking in for now: until the time returned
   * ({@link Long#MAX_VALUE}: until {@link #generation()} changes) every check-in of it would be
   * answered as the last, with the same marks, so the simulator skips them and the rule counts the
   * device as heard from meanwhile. {@link #NOT_HELD} by default: every check-in is asked.
   */
  default long hold(int device, boolean onRelease, long nowMillis) {
    return NOT_HELD;
  }

  /**
   * A held device checks in again: it was last heard from (implicitly) at {@code lastPollMillis},
   * and its silence runs from there.
   */
  default void release(int device, long lastPollMillis) {}

  /** Changes whenever an answer may have changed; held devices are released then. */
  default int generation() {
    return 0;
  }

  /** A device's check-in: what it is told. */
  Action poll(int device, boolean onRelease, long nowMillis);

  /** The device reports it installed the release and booted it. */
  void installed(int device, long nowMillis);

  /**
   * The device reports a crash (on the release or the old version), which happened at crashedAt.
   */
  void crashReported(int device, boolean onRelease, long crashedAtMillis, long nowMillis);

  /** Called every simulated second; the rule evaluates at its own cadence. */
  void tick(long nowMillis);

  /** Why the rule stopped the rollout (halt, pause, abort), or null while it has not. */
  String stopReason();

  /** Whether nothing more is to be rolled out: completed, or every device targeted. */
  boolean done();

  /** Devices exposed when the rule stopped (for the comparison with Wald's bound), or -1. */
  default long exposedAtStop() {
    return -1;
  }

  /** Tenants the rule halted the rollout for while it went on for the others, in order. */
  default List<String> haltedTenants() {
    return List.of();
  }

  /** How far the rollout got when the run ended: the ring index, or -1 where rings do not apply. */
  default int stage() {
    return -1;
  }

  /** Exposed device-hours when the rule stopped, or NaN. */
  default double exposedHoursAtStop() {
    return Double.NaN;
  }
}
