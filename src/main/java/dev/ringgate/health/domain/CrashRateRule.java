package dev.ringgate.health.domain;

import dev.ringgate.health.domain.MixtureEvidence.Split;
import dev.ringgate.release.domain.Gate;

/**
 * Halts a ring whose release fails (crashes or falls silent) more often than it should, by an
 * anytime-valid sequential test at the ring's false-alarm rate alpha; otherwise passes it, with the
 * gate's {@code beta} once enough exposure has been seen. See {@code docs/halting.md}.
 *
 * <ul>
 *   <li><b>Catastrophic fast path</b>: at least {@code catastrophicMinDevices} of the devices
 *       exposed within the window crashed, and they are at least {@code catastrophicShare} of them.
 *       Halts whatever the bake time or device count.
 *   <li><b>With a control group</b> ({@code minControlDevices} or more, with device-hours): given
 *       the failures of both groups, the release's share of them is binomial with the release's
 *       share of the exposure, under the null. Crashes are events, so their exposure is measured in
 *       device-hours; silence is a state (devices silent now), so its exposure is the groups'
 *       current sizes. The mixture likelihood ratio over {@link MixtureEvidence#RATIOS} halts at
 *       {@code 1/alpha}, together with the early-silence test (below). PASS whenever it does not
 *       halt (the burden of proof is on harm); with the gate's {@code beta}, only once the exposure
 *       is enough that a release {@code maxRateRatio} times worse would have been halted with
 *       probability {@code 1 - beta} ({@link Certification}).
 *   <li><b>Early silence</b>, with a control group: exposed devices that missed the check-in they
 *       were last asked for (for a device told to install, the one after the offer) by more than a
 *       grace, against control devices that missed theirs, split by the groups' current sizes as
 *       silence is. Its mixture {@code M_early} gets the share {@link #EARLY_SILENCE_SHARE} of
 *       alpha: the ring halts when {@code (1 - s) M + s M_early >= 1/alpha}. An average of test
 *       martingales is one, so Ville's inequality bounds the false-alarm rate of the pair by alpha.
 *   <li><b>Without one</b>: each device at risk is a trial against the ring's {@code maxCrashRate}
 *       (or the service default), and only a crash is a failure. Silence (late or early) is not
 *       judged: devices switched off at night are silent on any release, and only a control group
 *       tells that apart from a silent brick. PASS whenever it does not halt.
 * </ul>
 *
 * <p>PASS is not a guarantee that the release is healthy: a few devices can never prove a low
 * failure rate. What is bounded is the halting side: a release no worse than the baseline is halted
 * by the sequential test with probability at most alpha, however often it is evaluated. (Exactly so
 * for a test updated failure by failure; this one re-evaluates aggregated counts, an approximation
 * whose false-halt rate the seeded simulations in the tests measure well below alpha.)
 */
public final class CrashRateRule implements HealthRule {
  /**
   * The early-silence test's share of alpha; the crash and silence test has the rest. Alone, the
   * crash and silence test then halts at {@code 1/(0.75 alpha)} and the early one at {@code 1/(0.25
   * alpha)}; together their weighted sum halts at {@code 1/alpha}.
   */
  public static final double EARLY_SILENCE_SHARE = 0.25;

  private final GateSettings settings;

  public CrashRateRule(GateSettings settings) {
    this.settings = settings;
  }

  @Override
  public GateResult evaluate(GateInput input) {
    RingCounts counts = input.counts();
    if (catastrophic(counts)) {
      return GateResult.halt(
          HaltCause.CATASTROPHIC,
          "catastrophic: "
              + counts.recentCrashed()
              + " of "
              + counts.recentExposed()
              + " devices exposed in the last "
              + settings.catastrophicWindowMinutes()
              + " minutes crashed");
    }
    Gate gate = input.ring().gate();
    return hasControl(counts, settings) ? againstControl(counts, gate) : againstRate(counts, gate);
  }

  @Override
  public boolean halts(GateInput input) {
    RingCounts counts = input.counts();
    return catastrophic(counts)
        || logEvidence(counts, input.ring().gate(), settings)
            >= -Math.log(input.ring().gate().alpha());
  }

  /**
   * The natural log of the evidence this rule weighs for a ring's counts: against the control group
   * when it is usable, else against the ring's {@code maxCrashRate} (or the default). The
   * sequential test halts when this is at least {@code log(1/alpha)}. For the fleet simulator and
   * reports, which need the figure without a verdict.
   */
  public static double logEvidence(RingCounts counts, Gate gate, GateSettings settings) {
    return hasControl(counts, settings)
        ? combined(counts)
        : MixtureEvidence.logEvidenceAgainstRate(
            counts.crashed(), trials(counts), maxRate(gate, settings));
  }

  private boolean catastrophic(RingCounts counts) {
    return counts.recentCrashed() >= settings.catastrophicMinDevices()
        && counts.recentCrashed() >= settings.catastrophicShare() * counts.recentExposed();
  }

  /**
   * Where the ring stands on the exposure its gate's {@code beta} asks for; null when the gate sets
   * no {@code beta} or the ring has no usable control group (then {@code beta} does not apply).
   */
  public static Certification.Status certification(
      RingCounts counts, Gate gate, GateSettings settings) {
    if (gate.beta() == null || !hasControl(counts, settings)) {
      return null;
    }
    return Certification.of(counts, crashAlpha(gate), gate.beta(), gate.maxRateRatio());
  }

  /** The crash and silence test's share of the ring's alpha: what it halts at alone. */
  static double crashAlpha(Gate gate) {
    return gate.alpha() * (1 - EARLY_SILENCE_SHARE);
  }

  /**
   * The log of the evidence with a control group: {@code (1 - s) M + s M_early}, where {@code M}
   * weighs crashes and silence and {@code M_early} early silence.
   */
  private static double combined(RingCounts counts) {
    return combined(MixtureEvidence.logEvidence(splits(counts)), earlyEvidence(counts));
  }

  private static double combined(double logCrashes, double logEarly) {
    double a = Math.log1p(-EARLY_SILENCE_SHARE) + logCrashes;
    double b = Math.log(EARLY_SILENCE_SHARE) + logEarly;
    double max = Math.max(a, b);
    return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
  }

  /** The log of {@code M_early}: early silence split by the groups' current sizes. */
  private static double earlyEvidence(RingCounts counts) {
    long early = counts.earlySilent();
    long all = early + counts.controlEarlySilent();
    return MixtureEvidence.logEvidence(new Split(early, all, deviceShare(counts)));
  }

  private static boolean hasControl(RingCounts counts, GateSettings settings) {
    return counts.control() >= settings.minControlDevices() && counts.controlHours() > 0;
  }

  private GateResult againstControl(RingCounts counts, Gate gate) {
    Split[] splits = splits(counts);
    double logEarly = earlyEvidence(counts);
    double logEvidence = combined(MixtureEvidence.logEvidence(splits), logEarly);
    double ratio = MixtureEvidence.estimatedRatio(splits);
    String figures =
        exposedFigures(counts)
            + " vs control "
            + counts.controlFailed()
            + " failed of "
            + counts.control()
            + (counts.earlySilent() > 0
                ? "; early silent "
                    + counts.earlySilent()
                    + " vs control "
                    + counts.controlEarlySilent()
                : "");
    String verdict = evidenceFigures(logEvidence, gate.alpha());
    if (logEvidence >= -Math.log(gate.alpha())) {
      return GateResult.halt(
          dominant(splits, logEarly),
          figures
              + "; "
              + verdict
              + ": crash-rate ratio "
              + ratio(ratio)
              + " (tolerated "
              + number(gate.maxRateRatio())
              + ")");
    }
    if (gate.beta() != null) {
      return againstBeta(figures + "; " + verdict, counts, splits, ratio, gate);
    }
    if (Double.isNaN(ratio)) {
      return GateResult.pass(figures + "; no failures yet");
    }
    boolean fitsOne = MixtureEvidence.logLikelihoodRatio(gate.maxRateRatio(), splits) <= 0;
    return GateResult.pass(
        figures
            + "; "
            + verdict
            + "; crash-rate ratio "
            + ratio(ratio)
            + ": the data fit 1 "
            + (fitsOne ? "at least as well as" : "less well than")
            + " the tolerated "
            + number(gate.maxRateRatio())
            + (fitsOne ? "" : ", no harm shown"));
  }

  /** Whether crashes or silence carry more of the evidence against the release. */
  private static HaltCause dominant(Split[] splits, double logEarly) {
    double crashes = MixtureEvidence.logEvidence(splits[0]);
    double silence = Math.max(MixtureEvidence.logEvidence(splits[1]), logEarly);
    return silence > crashes ? HaltCause.SILENCE : HaltCause.CRASH_RATE;
  }

  /**
   * With {@code beta}: PASS once the exposure is enough that a release {@code maxRateRatio} times
   * worse than the control's rate would have been halted with probability at least {@code 1 - beta}
   * ({@link Certification}); until then WAIT, saying how much more is needed.
   */
  private static GateResult againstBeta(
      String figures, RingCounts counts, Split[] splits, double ratio, Gate gate) {
    Certification.Status status =
        Certification.of(counts, crashAlpha(gate), gate.beta(), gate.maxRateRatio());
    String estimate = Double.isNaN(ratio) ? "no failures yet" : "crash-rate ratio " + ratio(ratio);
    String certified = certified(status, gate);
    if (status.met()) {
      return GateResult.pass(figures + "; " + estimate + "; " + certified);
    }
    double remaining = status.remainingHours();
    return GateResult.waiting(
        figures
            + "; "
            + estimate
            + "; needs "
            + Figures.grouped(remaining)
            + " more device-hours, about "
            + Figures.duration(remaining / status.hoursPerHour())
            + " at the current rate ("
            + certified
            + ")");
  }

  /**
   * What the exposure so far certifies: "2,310 device-hours exposed, 3,550 needed at a baseline of
   * 1.2e-4 crashes per device-hour: a release 3.0 times worse would have been halted with
   * probability 0.93 (0.98 needed)".
   */
  static String certified(Certification.Status status, Gate gate) {
    return Figures.grouped(status.exposedHours())
        + " device-hours exposed, "
        + Figures.grouped(status.neededHours())
        + " needed at a baseline of "
        + number(status.baselinePerHour())
        + " crashes per device-hour: a release "
        + number(gate.maxRateRatio())
        + " times worse would have been halted with probability "
        + number(status.power())
        + " ("
        + number(1 - gate.beta())
        + " needed)";
  }

  /**
   * Without a usable control group: crashed devices among those at risk against the ring's {@code
   * maxCrashRate}. Silence is not judged here (see the class comment); the detail says so.
   */
  private GateResult againstRate(RingCounts counts, Gate gate) {
    long trials = trials(counts);
    long crashed = counts.crashed();
    double maxRate = maxRate(gate, settings);
    double logEvidence = MixtureEvidence.logEvidenceAgainstRate(crashed, trials, maxRate);
    double share = trials == 0 ? 0 : (double) crashed / trials;
    String figures =
        "no control group ("
            + counts.control()
            + " devices, "
            + settings.minControlDevices()
            + " needed): crashes only; silence needs a control: exposed "
            + crashed
            + " crashed of "
            + counts.atRisk()
            + " at risk = "
            + number(100 * share)
            + " % vs tolerated "
            + number(100 * maxRate)
            + " %"
            + (counts.silent() > 0 || counts.earlySilent() > 0
                ? " (" + silence(counts) + ", not judged)"
                : "")
            + "; "
            + evidenceFigures(logEvidence, gate.alpha());
    if (logEvidence >= -Math.log(gate.alpha())) {
      return GateResult.halt(HaltCause.CRASH_RATE, figures);
    }
    if (gate.beta() != null) {
      return GateResult.waiting(
          figures
              + "; no control group yet to measure the baseline by, so the exposure beta asks"
              + " for is not known");
    }
    return GateResult.pass(
        share <= maxRate ? figures : figures + "; above the tolerated rate, no harm shown");
  }

  private static double maxRate(Gate gate, GateSettings settings) {
    return gate.maxCrashRate() != null ? gate.maxCrashRate() : settings.defaultMaxCrashRate();
  }

  /** The devices counted as trials without a control group: at risk, and at least the crashed. */
  private static long trials(RingCounts counts) {
    return Math.max(counts.atRisk(), counts.crashed());
  }

  /** "7 silent, 9 early silent": the silence a ring without a control group leaves unjudged. */
  private static String silence(RingCounts counts) {
    return counts.silent()
        + " silent"
        + (counts.earlySilent() > 0 ? ", " + counts.earlySilent() + " early silent" : "");
  }

  /** Crashes split by device-hours; silence split by the groups' current sizes. */
  private static Split[] splits(RingCounts counts) {
    double hours = counts.exposedHours() + counts.controlHours();
    double hourShare = hours > 0 ? Math.max(0, counts.exposedHours()) / hours : 1;
    return new Split[] {
      new Split(counts.crashed(), counts.crashed() + counts.controlCrashed(), hourShare),
      new Split(counts.silent(), counts.silent() + counts.controlSilent(), deviceShare(counts))
    };
  }

  /** The release's share of the devices in both groups now, by which silence is split. */
  private static double deviceShare(RingCounts counts) {
    long exposedNow =
        Math.max(
            counts.atRisk() - counts.crashed(), Math.max(counts.silent(), counts.earlySilent()));
    long controlNow =
        Math.max(
            counts.controlNow(), Math.max(counts.controlSilent(), counts.controlEarlySilent()));
    return exposedNow + controlNow > 0 ? (double) exposedNow / (exposedNow + controlNow) : 1;
  }

  private static String exposedFigures(RingCounts counts) {
    return "exposed "
        + counts.failed()
        + " failed ("
        + counts.crashed()
        + " crashed, "
        + counts.silent()
        + " silent) of "
        + counts.atRisk()
        + " at risk";
  }

  private static String evidenceFigures(double logEvidence, double alpha) {
    boolean halts = logEvidence >= -Math.log(alpha);
    return "evidence "
        + Figures.fromLog(logEvidence)
        + (halts ? " ≥ " : " < ")
        + number(1 / alpha)
        + " (1/alpha)";
  }

  /** The estimate, said plainly where it sits at the bounds of the search. */
  private static String ratio(double ratio) {
    if (ratio >= 1e3) {
      return "> 1000";
    }
    return ratio <= 1e-3 ? "< 0.001" : "≈ " + number(ratio);
  }

  private static String number(double value) {
    return Figures.number(value);
  }

  /**
   * The gate's estimate of the crash-rate ratio for a ring's counts and its 95 % likelihood
   * interval ({@link MixtureEvidence#ratioInterval}): {@code {estimate, low, high}}, crashes and
   * silence together, as the control comparison weighs them. NaNs without failures or without a
   * control group's exposure.
   */
  public static double[] ratioEstimate(RingCounts counts) {
    if (counts.control() == 0 || counts.controlHours() <= 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    Split[] splits = splits(counts);
    double[] interval = MixtureEvidence.ratioInterval(splits);
    return new double[] {MixtureEvidence.estimatedRatio(splits), interval[0], interval[1]};
  }
}
