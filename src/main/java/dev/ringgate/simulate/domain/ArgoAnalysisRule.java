package dev.ringgate.simulate.domain;

import dev.ringgate.checkin.domain.Action;
import java.util.Locale;

/**
 * Argo Rollouts' canary with a background analysis: weights 20, 40, 60, 80 % with a 10-minute pause
 * after each, then 100 % (the documentation's example); every 5 minutes a measurement of the
 * success rate of the devices on the release (1 - crash reports / their check-ins and reports in
 * the interval) against {@code successCondition: result >= 0.95}; the rollout aborts once the
 * failed measurements exceed {@code failureLimit} (default 0). An interval without data is
 * inconclusive and not counted.
 */
public final class ArgoAnalysisRule extends TargetedRule {
  private static final int[] WEIGHTS = {20, 40, 60, 80, 100};
  private static final long PAUSE_MILLIS = 10 * 60_000L;
  private static final long INTERVAL_MILLIS = 5 * 60_000L;

  private final int failureLimit;
  private final double successCondition;
  private int step;
  private long nextStep;
  private long nextMeasurement;
  private int requests;
  private int errors;
  private int failedMeasurements;

  public ArgoAnalysisRule(int failureLimit, double successCondition) {
    this.failureLimit = failureLimit;
    this.successCondition = successCondition;
  }

  public static ArgoAnalysisRule defaults() {
    return new ArgoAnalysisRule(0, 0.95);
  }

  @Override
  public String name() {
    return "argo-failure-limit";
  }

  @Override
  public void start(Fleet fleet, long nowMillis, Pusher pusher) {
    super.start(fleet, nowMillis, pusher);
    nextStep = nowMillis + PAUSE_MILLIS;
    nextMeasurement = nowMillis + INTERVAL_MILLIS;
  }

  @Override
  protected int targetedPositions() {
    return positions(WEIGHTS[step] / 100.0);
  }

  @Override
  public boolean hearsPollsOnRelease() {
    return true;
  }

  @Override
  public Action poll(int device, boolean onRelease, long nowMillis) {
    if (onRelease) {
      requests++;
    }
    return super.poll(device, onRelease, nowMillis);
  }

  @Override
  public void installed(int device, long nowMillis) {
    super.installed(device, nowMillis);
    requests++;
  }

  @Override
  public void crashReported(int device, boolean onRelease, long crashedAt, long nowMillis) {
    super.crashReported(device, onRelease, crashedAt, nowMillis);
    if (onRelease) {
      requests++;
      errors++;
    }
  }

  @Override
  public void tick(long nowMillis) {
    if (stopReason() != null) {
      return;
    }
    if (nowMillis >= nextMeasurement) {
      nextMeasurement += INTERVAL_MILLIS;
      if (requests > 0) {
        double result = 1 - (double) errors / requests;
        if (result < successCondition) {
          failedMeasurements++;
        }
        if (failedMeasurements > failureLimit) {
          stop(
              String.format(
                  Locale.ROOT,
                  "analysis failed at %d %%: success rate %.3f < %.2f (%d failed measurements)",
                  WEIGHTS[step],
                  result,
                  successCondition,
                  failedMeasurements));
          return;
        }
      }
      requests = 0;
      errors = 0;
    }
    if (nowMillis >= nextStep && step < WEIGHTS.length - 1) {
      step++;
      nextStep = nowMillis + PAUSE_MILLIS;
    }
  }
}
