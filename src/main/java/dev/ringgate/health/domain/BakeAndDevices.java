package dev.ringgate.health.domain;

import java.util.Locale;

/**
 * The minimum every ring must meet before it is left: its bake time has elapsed and enough of its
 * own devices run the release.
 */
public final class BakeAndDevices implements HealthRule {
  @Override
  public GateResult evaluate(GateInput input) {
    int bake = input.ring().minBakeMinutes();
    long exposed = input.counts().exposed();
    int needed = input.ring().minDevices();
    if (input.bakedMinutes() < bake) {
      return GateResult.waiting(
          String.format(
              Locale.ROOT,
              "baking: %.1f of %d minutes; %d of %d devices exposed",
              input.bakedMinutes(),
              bake,
              exposed,
              needed));
    }
    if (exposed < needed) {
      return GateResult.waiting(
          String.format(Locale.ROOT, "%d of %d devices exposed", exposed, needed));
    }
    return GateResult.pass(
        String.format(
            Locale.ROOT,
            "baked %.1f of %d minutes; %d of %d devices exposed",
            input.bakedMinutes(),
            bake,
            exposed,
            needed));
  }
}
