package dev.ringgate.simulate.domain;

import java.util.random.RandomGenerator;

/**
 * How a simulated device behaves when nothing is wrong with it, and the draws of its next event
 * times: when it polls, when it is switched off at night, when its next crash or its loss for good
 * comes, and when a crash report leaves it. Every draw takes the random generator of the caller, so
 * a seeded simulation stays reproducible; times are in whatever unit the caller's rates and
 * intervals are in.
 *
 * <p>Three simulators share these habits and differ on purpose in everything else. {@link FleetRun}
 * plays a release through up to millions of devices held in arrays, a second at a time, with the
 * real hash bucketing and check-in decision and the peer products' rules, to compare rules and
 * measure the blast radius. The health gate's statistical tests ({@code RingSimulation} in the test
 * tree) follow the counts of a single ring over hours, the bucket a uniform draw, to calibrate the
 * gate's false-halt and detection rates against thousands of seeded rings. The demo ({@code
 * dev.ringgate.demo}) runs a handful of real HTTP agents against the running service (ETags,
 * telemetry, a bad release that crashes and is rolled back), on the wall clock and unseeded, so
 * that a person can watch the story. None of them can stand in for another: the demo cannot run a
 * million devices, the fleet run cannot calibrate a single ring cheaply, and neither of the others
 * speaks HTTP.
 *
 * @param offAtHour the hour of day around which devices switched off at night go off
 * @param offAtSpreadHours the width of the uniform spread of that hour over devices
 * @param onAtHour the hour of day around which they are on again
 * @param onAtSpreadHours the width of the uniform spread of that hour over devices
 * @param promptReportSeconds the least delay of a crash report sent at once
 * @param promptReportSpreadSeconds the width of the uniform spread of that delay
 * @param lateReportSeconds the least delay of a crash report that arrives late
 * @param lateReportSpreadSeconds the width of the uniform spread of that delay
 */
public record DeviceHabits(
    double offAtHour,
    double offAtSpreadHours,
    double onAtHour,
    double onAtSpreadHours,
    int promptReportSeconds,
    int promptReportSpreadSeconds,
    int lateReportSeconds,
    int lateReportSpreadSeconds) {

  /**
   * Off from about 22:00 (+/- 1.5 h) to 07:00 (+/- 1 h); a crash reported within 5 s to 2 min, or 2
   * to 12 hours late.
   */
  public static final DeviceHabits DEFAULTS = new DeviceHabits(22, 3, 7, 2, 5, 115, 7_200, 36_000);

  public DeviceHabits {
    if (offAtHour - offAtSpreadHours / 2 < 12
        || offAtHour + offAtSpreadHours / 2 > 24
        || onAtHour - onAtSpreadHours / 2 < 0
        || onAtHour + onAtSpreadHours / 2 > 12) {
      throw new IllegalArgumentException("the night must start after noon and end before noon");
    }
    if (promptReportSeconds < 0
        || promptReportSpreadSeconds < 1
        || lateReportSeconds < 0
        || lateReportSpreadSeconds < 1) {
      throw new IllegalArgumentException("report delays must not be negative, spreads at least 1");
    }
  }

  /** When a device is switched off every night, from two uniform draws in [0, 1). */
  public NightWindow nightWindow(double offDraw, double onDraw) {
    return new NightWindow(
        offAtHour + offAtSpreadHours * (offDraw - 0.5),
        onAtHour + onAtSpreadHours * (onDraw - 0.5));
  }

  /** When a device is switched off every night, drawn from {@code random} (two draws). */
  public NightWindow nightWindow(RandomGenerator random) {
    double offDraw = random.nextDouble();
    return nightWindow(offDraw, random.nextDouble());
  }

  /**
   * Seconds from a crash until its report leaves the device: with probability {@code lateShare}
   * late; else, when {@code burstHours} is above 0, anywhere within it (reports sent in bursts);
   * else promptly.
   */
  public int reportDelaySeconds(RandomGenerator random, double lateShare, double burstHours) {
    if (random.nextDouble() < lateShare) {
      return lateReportSeconds + random.nextInt(lateReportSpreadSeconds);
    }
    if (burstHours > 0) {
      return random.nextInt((int) (burstHours * 3600));
    }
    return promptReportSeconds + random.nextInt(promptReportSpreadSeconds);
  }

  /**
   * The wait until an event of constant hazard {@code rate} (per unit of time): exponential, in the
   * same unit; infinite, without a draw, when the rate is not above 0.
   */
  public static double exponentialWait(RandomGenerator random, double rate) {
    return rate <= 0 ? Double.POSITIVE_INFINITY : -Math.log(1 - random.nextDouble()) / rate;
  }

  /**
   * Whether an event of constant hazard {@code rate} has happened within {@code elapsed} (the same
   * unit); false, without a draw, when the rate is not above 0.
   */
  public static boolean happenedWithin(RandomGenerator random, double rate, double elapsed) {
    return rate > 0 && random.nextDouble() < -Math.expm1(-rate * elapsed);
  }

  /** The first poll's offset into the first interval: uniform in [0, {@code interval}). */
  public static int pollPhase(RandomGenerator random, int interval) {
    return random.nextInt(interval);
  }

  /** The wait until the next poll: {@code interval} +/- up to {@code jitter}, uniform. */
  public static int pollDelay(RandomGenerator random, int interval, int jitter) {
    return interval + (jitter == 0 ? 0 : random.nextInt(2 * jitter + 1)) - jitter;
  }

  /**
   * The hours of the day a device is switched off: from {@code offAt} in the evening to {@code
   * onAt} the next morning.
   */
  public record NightWindow(double offAt, double onAt) {

    /** Whether the device is off at this hour of day (0 to 24). */
    public boolean isOff(double clock) {
      return clock >= offAt || clock < onAt;
    }

    /** Hours since the device went off, at this hour of day; 0 when it is on. */
    public double hoursOff(double clock) {
      if (!isOff(clock)) {
        return 0;
      }
      return clock >= offAt ? clock - offAt : clock + 24 - offAt;
    }

    /** Hours until the device goes off, at this hour of day; 0 when it is off. */
    public double hoursUntilOff(double clock) {
      return isOff(clock) ? 0 : offAt - clock;
    }

    /** Hours until the device is on again, at this hour of day; 0 when it is on. */
    public double hoursUntilOn(double clock) {
      if (!isOff(clock)) {
        return 0;
      }
      return clock >= offAt ? 24 - clock + onAt : onAt - clock;
    }
  }
}
