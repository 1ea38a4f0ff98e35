package dev.ringgate.simulate.domain;

import java.util.Locale;

/**
 * AWS IoT Jobs: devices are notified (pushed) at an exponentially growing rate, from {@code
 * baseRatePerMinute}, times {@code incrementFactor} after each {@code stepNotified} notifications,
 * capped at {@code maximumPerMinute}; the job is cancelled when, after {@code minExecuted}
 * completed executions, at least {@code thresholdPercentage} of the completed executions failed.
 * The documentation's example: 50/min, x2 every 1,000 notified, at most 1,000/min; abort on 20 %
 * failed after 100 completed. (Its TIMED_OUT criterion needs an in-progress timeout, which jobs do
 * not have by default; silent devices therefore never complete.)
 */
public final class AwsIotJobsRule extends TargetedRule {
  private final double baseRatePerMinute;
  private final double incrementFactor;
  private final int stepNotified;
  private final double maximumPerMinute;
  private final int minExecuted;
  private final double thresholdShare;
  private int[] order;
  private int notified;
  private double credit;
  private long lastTick;
  private int targeted;

  public AwsIotJobsRule(
      double baseRatePerMinute,
      double incrementFactor,
      int stepNotified,
      double maximumPerMinute,
      int minExecuted,
      double thresholdShare) {
    this.baseRatePerMinute = baseRatePerMinute;
    this.incrementFactor = incrementFactor;
    this.stepNotified = stepNotified;
    this.maximumPerMinute = maximumPerMinute;
    this.minExecuted = minExecuted;
    this.thresholdShare = thresholdShare;
  }

  public static AwsIotJobsRule documentedExample() {
    return new AwsIotJobsRule(50, 2, 1_000, 1_000, 100, 0.2);
  }

  @Override
  public String name() {
    return "aws-iot-jobs";
  }

  @Override
  public void start(Fleet fleet, long nowMillis, Pusher pusher) {
    super.start(fleet, nowMillis, pusher);
    order = fleet.orderBy(fleet::position);
    lastTick = nowMillis;
  }

  @Override
  protected int targetedPositions() {
    return targeted;
  }

  private double rate() {
    double rate = baseRatePerMinute * Math.pow(incrementFactor, notified / stepNotified);
    return Math.min(rate, maximumPerMinute);
  }

  @Override
  public void tick(long nowMillis) {
    if (stopReason() != null) {
      return;
    }
    int executed = succeededCount + failedCount;
    if (executed >= minExecuted && failedCount >= thresholdShare * executed) {
      stop(
          String.format(
              Locale.ROOT,
              "job cancelled: %d of %d completed executions failed (>= %.0f %%)",
              failedCount,
              executed,
              100 * thresholdShare));
      return;
    }
    credit += rate() * (nowMillis - lastTick) / 60_000.0;
    lastTick = nowMillis;
    while (credit >= 1 && notified < order.length) {
      int device = order[notified++];
      credit -= 1;
      targeted = fleet.position(device) + 1;
      pusher.push(device);
    }
    if (notified == order.length) {
      targeted = dev.ringgate.rollout.domain.Bucketing.POSITIONS;
    }
  }
}
