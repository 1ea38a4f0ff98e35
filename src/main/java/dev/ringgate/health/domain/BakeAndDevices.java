package dev.ringgate.health.domain;

import java.util.Locale;

/**
 * The minimum every ring must meet before it is left: its bake time has elapsed and enough of its
 * own devices run the release.
 */
public final class BakeAndDevices implements HealthRule {
  /** Waits or passes; never halts. */
  @Override
  public boolean halts(GateInput input) {
    return false;
  }

  @Override
  public GateResult evaluate(GateInput input) {
    int bake = input.ring().minBakeMinutes();
    long exposed = input.counts().exposed();
    int needed = input.ring().minDevices();
    if (input.bakedMinutes() < bake) {
      return GateResult.waiting(
          String.format(
              Locale.ROOT,
              "baking: %.1f of %d minutes; %s",
              input.bakedMinutes(),
              bake,
              devices(exposed, needed)));
    }
    if (exposed < needed) {
      return GateResult.waiting(devices(exposed, needed));
    }
    return GateResult.pass(
        String.format(
            Locale.ROOT,
            "baked %.1f minutes (at least %d needed); %s",
            input.bakedMinutes(),
            bake,
            devices(exposed, needed)));
  }

  /** "3 of 5 devices exposed" while short, "101 devices exposed (at least 5 needed)" after. */
  static String devices(long exposed, int needed) {
    return exposed < needed
        ? String.format(Locale.ROOT, "%d of %d devices exposed", exposed, needed)
        : String.format(Locale.ROOT, "%d devices exposed (at least %d needed)", exposed, needed);
  }
}
