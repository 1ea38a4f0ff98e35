package dev.ringgate.health.domain;

import dev.ringgate.release.domain.Gate;
import dev.ringgate.release.domain.Ring;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate of a ring weighed tenant by tenant, so that no tenant can forge its verdict (see {@code
 * docs/halting.md}, "Evidence no tenant can forge"). Its input holds established devices only.
 *
 * <ol>
 *   <li><b>No tenant counts beyond its share.</b> In a ring placed by position (no selector), the
 *       hash spreads every tenant's devices evenly over the rings, so a tenant's share of the
 *       ring's established devices should be about its share of the product's established fleet
 *       (renormalised over the tenants present in the ring). A tenant above it chose its device
 *       ids; its figures are scaled down to that share ({@link #weight}). Rings with a selector
 *       take tenants as the plan chose them and are not scaled.
 *   <li><b>A signal carried by one minority tenant halts that tenant only.</b> When the weighed
 *       figures of all tenants say HALT but, without one tenant, they would not, and that tenant
 *       holds less than half of the ring's established devices, the rollout is halted for that
 *       tenant and the rest of the ring is judged without it (also when it is the only tenant heard
 *       from yet). When two or more tenants each carry it, or the carrier holds the majority (a
 *       ring of one tenant), the whole rollout halts, as a single-tenant fleet always did.
 *   <li><b>Every minority tenant is also judged alone</b>: its own exposed devices, unweighed,
 *       against the ring's control group (all tenants', weighed). A HALT there halts the rollout
 *       for that tenant, so that a large tenant's healthy devices cannot hide a smaller tenant's
 *       failing ones from it.
 *   <li><b>A tenant's control failures cannot mask a signal.</b> When the ring does not halt but,
 *       judged without one tenant whose control devices fail more often than the rest's, and that
 *       holds less than half of the control's established devices, it would halt at the stricter
 *       alpha {@code s alpha / k} ({@link #MASK_ALPHA_SHARE}, {@code k} tenants of the product),
 *       the whole rollout halts. By a union bound over the {@code k} tenants, a release no worse
 *       than the previous one halts this way with probability at most {@code s alpha}.
 * </ol>
 */
public final class TenantEvidence {
  /**
   * The share of alpha the rule against masking adds: judged without one of {@code k} tenants, a
   * ring halts at {@code 1/(s alpha / k)}, so that false halts stay below {@code (1 + s) alpha}.
   */
  public static final double MASK_ALPHA_SHARE = 0.25;

  private final GateRules rules;

  public TenantEvidence(GateRules rules) {
    this.rules = rules;
  }

  /**
   * The ring's verdict weighed by tenant.
   *
   * @param overall the verdict for the rollout as a whole (HALT halts every tenant)
   * @param weighed the figures the verdict weighed: every tenant's, scaled to its share, less the
   *     tenants halted here
   * @param tenants tenants whose devices the verdict weighed
   * @param tenantHalts tenants to halt the rollout for, with the reason, in order of discovery
   */
  public record Result(
      GateResult overall, RingCounts weighed, int tenants, Map<String, String> tenantHalts) {}

  /** The ring's verdict weighed by tenant, the product's tenants being those listed. */
  public Result evaluate(Ring ring, double bakedMinutes, List<TenantCounts> all) {
    return evaluate(ring, bakedMinutes, all, all.size());
  }

  /**
   * The ring's verdict weighed by tenant.
   *
   * @param productTenants the tenants with established devices in the product, fixed when the
   *     rollout starts: the tenants whose control figures could be left out
   */
  public Result evaluate(
      Ring ring, double bakedMinutes, List<TenantCounts> all, int productTenants) {
    List<TenantCounts> active = new ArrayList<>();
    for (TenantCounts t : all) {
      if (t.weighs()) {
        active.add(t);
      }
    }
    long established = 0;
    for (TenantCounts t : all) {
      established += t.established();
    }
    boolean scaled = ring.selector() == null;
    RingCounts pooled = weighed(active, null, scaled);
    GateResult verdict = judge(ring, pooled, bakedMinutes);
    Map<String, String> halts = new LinkedHashMap<>();
    if (verdict.verdict() == Verdict.HALT) {
      TenantCounts carrier = null;
      int carriers = 0;
      Weighed parts = new Weighed(active, scaled);
      for (TenantCounts t : active) {
        if (!halts(ring, parts.without(t), bakedMinutes)) {
          carrier = t;
          carriers++;
        }
      }
      if (carriers == 1 && minority(carrier, established)) {
        halts.put(
            carrier.tenantId(),
            "tenant "
                + carrier.tenantId()
                + " ("
                + carrier.established()
                + " of "
                + established
                + " established devices of the ring) alone carries the failure signal: "
                + verdict.detail());
        active.remove(carrier);
        pooled = weighed(active, null, scaled);
        verdict = judge(ring, pooled, bakedMinutes);
      }
    }
    if (verdict.verdict() != Verdict.HALT) {
      GateResult unmasked = unmasked(ring, bakedMinutes, all, active, scaled, productTenants);
      if (unmasked != null) {
        verdict = unmasked;
      }
    }
    if (verdict.verdict() != Verdict.HALT) {
      for (TenantCounts t : List.copyOf(active)) {
        if (!minority(t, established) || t.counts().failed() == 0) {
          // a tenant none of whose exposed devices failed cannot halt on its own devices
          continue;
        }
        RingCounts alone = withControlOf(t.counts(), pooled);
        if (halts(ring, alone, bakedMinutes)) {
          GateResult own = judge(ring, alone, bakedMinutes);
          halts.put(
              t.tenantId(),
              "tenant "
                  + t.tenantId()
                  + " ("
                  + t.established()
                  + " of "
                  + established
                  + " established devices of the ring) halts on its own devices: "
                  + own.detail());
          active.remove(t);
        }
      }
      if (!halts.isEmpty()) {
        pooled = weighed(active, null, scaled);
        verdict = judge(ring, pooled, bakedMinutes);
      }
    }
    return new Result(verdict, pooled, active.size(), halts);
  }

  /**
   * A HALT when the ring, judged without a tenant that masks its signal, halts at the stricter
   * alpha; else null. Candidates are the tenants whose control devices fail more often than the
   * rest's and that hold less than half of the control's established devices, the worst first.
   */
  private GateResult unmasked(
      Ring ring,
      double bakedMinutes,
      List<TenantCounts> all,
      List<TenantCounts> active,
      boolean scaled,
      int productTenants) {
    long controlEstablished = 0;
    for (TenantCounts t : all) {
      controlEstablished += t.controlEstablished();
    }
    Weighed parts = new Weighed(active, scaled);
    RingCounts pooled = parts.all();
    List<TenantCounts> candidates = new ArrayList<>();
    for (TenantCounts t : active) {
      RingCounts rest = parts.without(t);
      if (2 * t.controlEstablished() < controlEstablished
          && controlRate(t.counts()) > controlRate(rest)) {
        candidates.add(t);
      }
    }
    candidates.sort((a, b) -> Double.compare(controlRate(b.counts()), controlRate(a.counts())));
    Gate gate = ring.gate();
    double alpha = MASK_ALPHA_SHARE * gate.alpha() / Math.max(1, productTenants);
    Ring strict =
        new Ring(
            ring.name(),
            ring.shareBp(),
            ring.selector(),
            ring.minBakeMinutes(),
            ring.minDevices(),
            ring.rampMinutes(),
            ring.promotion(),
            new Gate(alpha, gate.maxRateRatio(), gate.maxCrashRate(), gate.beta()),
            ring.maxBakeMinutes());
    for (TenantCounts t : candidates) {
      if (halts(strict, parts.without(t), bakedMinutes)) {
        GateResult without = judge(strict, parts.without(t), bakedMinutes);
        return GateResult.halt(
            without.cause(),
            "the baseline without tenant "
                + t.tenantId()
                + " ("
                + t.controlEstablished()
                + " of "
                + controlEstablished
                + " established control devices; "
                + t.counts().controlFailed()
                + " of its "
                + t.counts().control()
                + " control devices failed, "
                + pooled.controlFailed()
                + " of "
                + pooled.control()
                + " weighed in all) says HALT at alpha "
                + Figures.number(alpha)
                + ": "
                + without.detail());
      }
    }
    return null;
  }

  /** Control failures per control device; 0 without control devices. */
  private static double controlRate(RingCounts c) {
    return c.control() == 0 ? 0 : (double) c.controlFailed() / c.control();
  }

  /** Whether the tenant holds less than half of the ring's established devices. */
  static boolean minority(TenantCounts t, long established) {
    return 2 * t.established() < established;
  }

  /**
   * The factor a tenant's figures are scaled by: 1, or less when it holds more of the ring's
   * established devices than its share of the product's established fleet gives it (and more than
   * one), renormalised over the tenants with established devices in the ring (a tenant listed only
   * for its part of the fleet control is not in it). 1 when the shares are unknown.
   */
  public static double weight(TenantCounts t, List<TenantCounts> ring) {
    Shares sums = Shares.of(ring);
    return weight(t, sums.fleet(), sums.established());
  }

  /**
   * {@link #weight(TenantCounts, List)} of every tenant of the ring, in its order, the ring's sums
   * taken once (a ring can hold thousands of tenants).
   */
  public static double[] weights(List<TenantCounts> ring) {
    Shares sums = Shares.of(ring);
    double[] weights = new double[ring.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = weight(ring.get(i), sums.fleet(), sums.established());
    }
    return weights;
  }

  /** A ring's sums over its tenants with established devices there. */
  private record Shares(double fleet, long established) {
    static Shares of(List<TenantCounts> ring) {
      double fleet = 0;
      long established = 0;
      for (TenantCounts u : ring) {
        if (u.established() > 0) {
          fleet += u.fleetShare();
          established += u.established();
        }
      }
      return new Shares(fleet, established);
    }
  }

  /**
   * {@link #weight(TenantCounts, List)} with the ring's sums given: its tenants' fleet shares and
   * established devices. A tenant counts up to {@link #plausible} devices unscaled: in a ring
   * smaller than the number of tenants most tenants expect a fraction of a device, and the one the
   * hash did put there must still count.
   */
  public static double weight(TenantCounts t, double fleet, long established) {
    if (fleet <= 0 || established <= 0 || t.established() <= 0) {
      return 1;
    }
    double expected = t.fleetShare() / fleet * established;
    return Math.min(1, plausible(expected) / t.established());
  }

  /**
   * The devices a tenant that expects {@code expected} in a ring counts unscaled: its expected
   * number, and at least one (a tenant expecting a fraction of a device that the hash did put there
   * counts it).
   */
  static double plausible(double expected) {
    return Math.max(expected, 1);
  }

  /** The tenants' figures summed, each scaled by its weight, leaving out {@code without}. */
  static RingCounts weighed(List<TenantCounts> tenants, TenantCounts without, boolean scaled) {
    Weighed parts = new Weighed(tenants, scaled);
    return without == null ? parts.all() : parts.without(without);
  }

  /**
   * The tenants' figures, each scaled by its weight once, and their sum: the sum without one tenant
   * is the sum less its part, so that leaving out each of thousands of tenants in turn costs one
   * subtraction each, not one sum over every tenant each.
   */
  private static final class Weighed {
    private final Map<TenantCounts, RingCounts> parts;
    private final RingCounts all;

    Weighed(List<TenantCounts> tenants, boolean scaled) {
      parts = new IdentityHashMap<>(tenants.size());
      double[] weights = scaled ? weights(tenants) : null;
      RingCounts sum = RingCounts.NONE;
      for (int i = 0; i < tenants.size(); i++) {
        TenantCounts t = tenants.get(i);
        RingCounts part = scaled ? scale(t.counts(), weights[i]) : t.counts();
        parts.put(t, part);
        sum = plus(sum, part);
      }
      all = sum;
    }

    RingCounts all() {
      return all;
    }

    /** The sum without the tenant's part. */
    RingCounts without(TenantCounts t) {
      RingCounts part = parts.get(t);
      return part == null ? all : minus(all, part);
    }
  }

  /** Figures scaled by {@code f}: devices rounded to the nearest, hours exactly. */
  public static RingCounts scale(RingCounts c, double f) {
    if (f >= 1) {
      return c;
    }
    return new RingCounts(
        Math.round(c.exposed() * f),
        Math.round(c.atRisk() * f),
        Math.round(c.crashed() * f),
        Math.round(c.silent() * f),
        Math.round(c.control() * f),
        Math.round(c.controlCrashed() * f),
        Math.round(c.controlSilent() * f),
        c.exposedHours() * f,
        c.controlHours() * f,
        Math.round(c.recentExposed() * f),
        Math.round(c.recentCrashed() * f),
        Math.round(c.controlNow() * f),
        Math.round(c.earlySilent() * f),
        Math.round(c.controlEarlySilent() * f));
  }

  /** The exposed side of {@code exposed} with the control side of {@code control}. */
  static RingCounts withControlOf(RingCounts exposed, RingCounts control) {
    return new RingCounts(
        exposed.exposed(),
        exposed.atRisk(),
        exposed.crashed(),
        exposed.silent(),
        control.control(),
        control.controlCrashed(),
        control.controlSilent(),
        exposed.exposedHours(),
        control.controlHours(),
        exposed.recentExposed(),
        exposed.recentCrashed(),
        control.controlNow(),
        exposed.earlySilent(),
        control.controlEarlySilent());
  }

  /**
   * {@code a} less its part {@code b}, field by field; hours, summed in floating point, never fall
   * below 0.
   */
  static RingCounts minus(RingCounts a, RingCounts b) {
    return new RingCounts(
        a.exposed() - b.exposed(),
        a.atRisk() - b.atRisk(),
        a.crashed() - b.crashed(),
        a.silent() - b.silent(),
        a.control() - b.control(),
        a.controlCrashed() - b.controlCrashed(),
        a.controlSilent() - b.controlSilent(),
        Math.max(0, a.exposedHours() - b.exposedHours()),
        Math.max(0, a.controlHours() - b.controlHours()),
        a.recentExposed() - b.recentExposed(),
        a.recentCrashed() - b.recentCrashed(),
        a.controlNow() - b.controlNow(),
        a.earlySilent() - b.earlySilent(),
        a.controlEarlySilent() - b.controlEarlySilent());
  }

  /** The two figures added, field by field. */
  public static RingCounts plus(RingCounts a, RingCounts b) {
    return new RingCounts(
        a.exposed() + b.exposed(),
        a.atRisk() + b.atRisk(),
        a.crashed() + b.crashed(),
        a.silent() + b.silent(),
        a.control() + b.control(),
        a.controlCrashed() + b.controlCrashed(),
        a.controlSilent() + b.controlSilent(),
        a.exposedHours() + b.exposedHours(),
        a.controlHours() + b.controlHours(),
        a.recentExposed() + b.recentExposed(),
        a.recentCrashed() + b.recentCrashed(),
        a.controlNow() + b.controlNow(),
        a.earlySilent() + b.earlySilent(),
        a.controlEarlySilent() + b.controlEarlySilent());
  }

  private boolean halts(Ring ring, RingCounts counts, double bakedMinutes) {
    return rules.halts(new GateInput(ring, counts, bakedMinutes));
  }

  private GateResult judge(Ring ring, RingCounts counts, double bakedMinutes) {
    return rules.evaluate(new GateInput(ring, counts, bakedMinutes));
  }
}
