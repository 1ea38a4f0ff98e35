package dev.ringgate.release.domain;

/**
 * A ring's health gate settings: the false-alarm rate {@code alpha} of the sequential test, the
 * crash-rate ratio (exposed over control) the ring tolerates, optionally an absolute crash rate
 * used when no control group is left, and optionally {@code beta}, the chance the ring may pass a
 * release that fails {@code maxRateRatio} times as often as its control group.
 *
 * <p>Without {@code beta}, a ring passes once its bake time and devices are met and the data fit a
 * ratio of 1 at least as well as {@code maxRateRatio}: quick, but a few quiet hours prove little
 * when failures are rare. With {@code beta}, it passes only once the evidence for a tolerable rate
 * reaches Wald's acceptance boundary {@code (1 - alpha) / beta}, however long that takes: the ring
 * waits for evidence instead of a clock. See {@code docs/halting.md}.
 */
public record Gate(double alpha, double maxRateRatio, Double maxCrashRate, Double beta) {

  /** A gate that passes on the bake time and the fit of the data (no {@code beta}). */
  public Gate(double alpha, double maxRateRatio, Double maxCrashRate) {
    this(alpha, maxRateRatio, maxCrashRate, null);
  }
}
