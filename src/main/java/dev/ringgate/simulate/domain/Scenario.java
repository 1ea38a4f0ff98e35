package dev.ringgate.simulate.domain;

import java.util.List;
import java.util.Locale;

/**
 * How a release behaves on the devices that install it, and how the fleet reports.
 *
 * @param name the scenario's name in reports
 * @param crashRatio the release's crash hazard over the baseline (1 = healthy)
 * @param bootLoop every affected installer crashes within minutes and stays in a boot loop (stops
 *     checking in); its crash is reported unless {@code silent}
 * @param silent affected installers never report or check in again (July 2024)
 * @param oldAgentOnly only devices on the older agent line are affected (a content release that
 *     does not fit them); the others run it as the baseline
 * @param lateShare share of crash reports that arrive only after a long delay (2 to 12 hours)
 * @param burstHours crash reports wait up to this long to go out in bursts (0: within 2 minutes)
 * @param nightOffShare share of devices switched off every night (overrides the fleet's when above
 *     0)
 * @param bad whether the release is bad: the blast radius counts; else false halts count
 * @param forgedDevices devices one small tenant (the forger, not the vendor) registered before the
 *     rollout with ids chosen to hash into the first ring; 0 for none (see {@link
 *     Fleet#withForger})
 * @param forgedCrash whether the forged devices report INSTALLED and CRASH as soon as they are
 *     offered the release (else they check in healthy and never crash, whatever the release does)
 */
public record Scenario(
    String name,
    double crashRatio,
    boolean bootLoop,
    boolean silent,
    boolean oldAgentOnly,
    double lateShare,
    double burstHours,
    double nightOffShare,
    boolean bad,
    int forgedDevices,
    boolean forgedCrash) {

  public static final Scenario CATASTROPHIC =
      new Scenario("catastrophic", 1, true, false, false, 0.3, 0, 0, true, 0, false);
  public static final Scenario SILENT_BRICK =
      new Scenario("silent-brick", 1, true, true, false, 0, 0, 0, true, 0, false);
  public static final Scenario REGRESSION_10X = regression(10);
  public static final Scenario REGRESSION_3X = regression(3);
  public static final Scenario REGRESSION_1_5X = regression(1.5);
  public static final Scenario HEALTHY =
      new Scenario("healthy", 1, false, false, false, 0, 0, 0, false, 0, false);
  public static final Scenario NOISY =
      new Scenario("noisy-baseline", 1, false, false, false, 0.05, 4, 0.6, false, 0, false);
  public static final Scenario INCOMPATIBLE =
      new Scenario("incompatible-content", 1, true, false, true, 0.3, 0, 0, true, 0, false);

  /**
   * A healthy release; a small tenant's 20 made-up devices in the canary report INSTALLED and CRASH
   * when offered it (the 50,000-device fleet's canary holds about 50 real devices).
   */
  public static final Scenario FORGED_CRASHES =
      new Scenario("forged-crashes", 1, false, false, false, 0, 0, 0, false, 20, true);

  /** The 3x regression while a small tenant's 300 made-up devices in the canary look healthy. */
  public static final Scenario FORGED_HEALTHY_3X =
      new Scenario("forged-healthy-3x", 3, false, false, false, 0, 0, 0, true, 300, false);

  /** The catastrophic release while a small tenant's 300 made-up devices look healthy. */
  public static final Scenario FORGED_HEALTHY_CATASTROPHIC =
      new Scenario(
          "forged-healthy-catastrophic", 1, true, false, false, 0.3, 0, 0, true, 300, false);

  /** The attacks on the gate's evidence, in report order. */
  public static final List<Scenario> ADVERSARIAL =
      List.of(FORGED_CRASHES, FORGED_HEALTHY_3X, FORGED_HEALTHY_CATASTROPHIC);

  /** Every scenario, in report order. */
  public static final List<Scenario> ALL =
      List.of(
          CATASTROPHIC,
          SILENT_BRICK,
          INCOMPATIBLE,
          REGRESSION_10X,
          REGRESSION_3X,
          REGRESSION_1_5X,
          HEALTHY,
          NOISY);

  /** A release that crashes {@code ratio} times as often as the baseline. */
  public static Scenario regression(double ratio) {
    String label = ratio == Math.rint(ratio) ? String.valueOf((int) ratio) : String.valueOf(ratio);
    return new Scenario(
        "regression-" + label + "x", ratio, false, false, false, 0, 0, 0, true, 0, false);
  }

  /** The scenario of this name. */
  public static Scenario named(String name) {
    return named(name, ALL);
  }

  /** The scenario of this name among {@code known}. */
  public static Scenario named(String name, List<Scenario> known) {
    for (Scenario s : known) {
      if (s.name().equals(name.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scenario: " + name + "; known: " + names(known));
  }

  public static String names() {
    return names(ALL);
  }

  static String names(List<Scenario> known) {
    return String.join(", ", known.stream().map(Scenario::name).toList());
  }

  /** Whether a tenant forges devices in this scenario. */
  public boolean forges() {
    return forgedDevices > 0;
  }

  /** Whether the release breaks this device outright (boot loop or brick). */
  public boolean breaks(boolean oldAgent) {
    return bootLoop && (!oldAgentOnly || oldAgent);
  }
}
