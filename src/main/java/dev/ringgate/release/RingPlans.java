package dev.ringgate.release;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.Violation;
import dev.ringgate.release.api.GateRequest;
import dev.ringgate.release.api.RingPlanRequest;
import dev.ringgate.release.api.RingRequest;
import dev.ringgate.release.api.SelectorRequest;
import dev.ringgate.release.domain.Gate;
import dev.ringgate.release.domain.Ring;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.release.domain.Selector;
import java.util.List;

/** Turns a validated ring-plan request into the domain plan, enforcing the plan's own rules. */
public final class RingPlans {
  private RingPlans() {}

  /**
   * The plan of a request; an invalid one is refused with its violations ({@link RingPlan#check}).
   */
  public static RingPlan from(RingPlanRequest request) {
    List<Ring> rings = request.rings().stream().map(RingPlans::ring).toList();
    List<Violation> violations = RingPlan.check(rings);
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations);
    }
    return new RingPlan(rings, request.onHalt());
  }

  private static Ring ring(RingRequest r) {
    return new Ring(
        r.name(),
        r.shareBp(),
        selector(r.selector()),
        r.minBakeMinutes(),
        r.minDevices(),
        r.rampMinutes() == null ? 0 : r.rampMinutes(),
        r.promotion(),
        gate(r.gate()),
        r.maxBakeMinutes());
  }

  private static Selector selector(SelectorRequest s) {
    if (s == null) {
      return null;
    }
    Selector selector = new Selector(s.groups(), Boolean.TRUE.equals(s.earlyAccessTenants()));
    return selector.selectsNothing() ? null : selector;
  }

  private static Gate gate(GateRequest g) {
    return new Gate(g.alpha(), g.maxRateRatio(), g.maxCrashRate(), g.beta());
  }
}
