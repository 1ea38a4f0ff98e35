package dev.ringgate.rollout.domain;

/**
 * The share a ring admits while it ramps up. The blast radius of a bad release is roughly the rate
 * at which devices are offered it times the time their crashes take to be reported and judged, so a
 * ring starts slow and speeds up only while nothing is wrong:
 *
 * <pre>
 *   time since the ring started   admitted share of the ring's increment
 *   [0,    1/6) of rampMinutes     1/64
 *   [1/6,  2/6)                    2/64
 *   [2/6,  3/6)                    4/64
 *   [3/6,  4/6)                    8/64
 *   [4/6,  5/6)                   16/64
 *   [5/6,  1)                     32/64
 *   rampMinutes and later         all of it
 * </pre>
 *
 * The increment is the ring's share minus the previous ring's. Admission is a pure function of the
 * device's position and the time since the ring started: nothing is counted, and every replica
 * gives the same answer.
 */
public final class Ramp {
  /** Doubling steps before the ring is fully open. */
  public static final int STEPS = 6;

  /** The fraction of the increment admitted in the first step is 1 / 2^STEPS. */
  public static final int FIRST_STEP_DIVISOR = 1 << STEPS;

  private Ramp() {}

  /**
   * Positions (of {@link Bucketing#POSITIONS}) admitted after {@code elapsedMillis} in a ring that
   * grows from {@code previousBp} to {@code shareBp} over {@code rampMinutes}.
   */
  public static int admittedPositions(
      int previousBp, int shareBp, int rampMinutes, long elapsedMillis) {
    int from = previousBp * Bucketing.PER_BP;
    int to = shareBp * Bucketing.PER_BP;
    if (elapsedMillis < 0) {
      return from;
    }
    long rampMillis = rampMinutes * 60_000L;
    if (rampMinutes <= 0 || elapsedMillis >= rampMillis || to <= from) {
      return to;
    }
    int step = (int) (elapsedMillis * STEPS / rampMillis);
    long increment = to - from;
    return from + (int) ((increment << step) / FIRST_STEP_DIVISOR);
  }

  /** The same, in basis points (two decimals), for display. */
  public static double admittedBp(
      int previousBp, int shareBp, int rampMinutes, long elapsedMillis) {
    int positions = admittedPositions(previousBp, shareBp, rampMinutes, elapsedMillis);
    return Math.round(positions * 100.0 / Bucketing.PER_BP) / 100.0;
  }
}
