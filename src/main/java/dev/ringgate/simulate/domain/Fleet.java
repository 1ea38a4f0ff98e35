package dev.ringgate.simulate.domain;

import dev.ringgate.policy.domain.Channel;
import dev.ringgate.policy.domain.FleetPolicies;
import dev.ringgate.policy.domain.MaintenanceWindow;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.Version;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.rollout.domain.Bucketing;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The devices of a simulated fleet, as arrays: id, tenant, groups, agent version and position in
 * the product's fleet (the service's own {@link Bucketing}). Built once per fleet and shared by the
 * runs over it, which only read it.
 */
public final class Fleet {
  /** The device groups a tenant's devices fall into. */
  public static final List<Set<String>> GROUPS =
      List.of(Set.of("workstations"), Set.of("servers"), Set.of("lab"));

  public static final String PLATFORM = "windows-x64";
  public static final Version NEW_AGENT = Versioning.SEMVER.parse("7.4.0");
  public static final Version OLD_AGENT = Versioning.SEMVER.parse("6.9.0");

  /**
   * A tenant of the fleet as the simulator needs it.
   *
   * @param weight its share of the devices, relative to the others
   */
  public record Tenant(String id, double weight, TenantPolicy policy) {}

  private final FleetSpec spec;
  private final String productId;
  private final String[] deviceIds;
  private final int[] positions;
  private final int[] tenantOf;
  private final byte[] groupOf;
  private final boolean[] oldAgent;
  private final boolean[] nightOff;
  private final String[] tenantIds;
  private final Map<String, TenantPolicy> policies;

  /** The forging tenant's index, or -1; its made-up devices are the last {@code forged} ones. */
  private final int forger;

  private final int forged;

  /**
   * A fleet of the spec for a product, its layout drawn from the seed.
   *
   * @param tenants the tenants, their sizes and policies; null to draw {@code spec.tenants()} of
   *     them with the spec's channel shares and sizes that fall off with rank
   */
  public Fleet(FleetSpec spec, String productId, long seed, List<Tenant> tenants) {
    this.spec = spec;
    this.productId = productId;
    this.forger = -1;
    this.forged = 0;
    SplittableRandom random = new SplittableRandom(seed);
    int n = spec.devices();
    double[] weights;
    if (tenants == null) {
      tenantIds = new String[spec.tenants()];
      for (int t = 0; t < tenantIds.length; t++) {
        tenantIds[t] = "tenant-" + t;
      }
      this.policies = drawPolicies(random);
      weights = tenantWeights(random);
    } else {
      tenantIds = tenants.stream().map(Tenant::id).toArray(String[]::new);
      Map<String, TenantPolicy> given = new HashMap<>();
      tenants.forEach(t -> given.put(t.id(), t.policy()));
      this.policies = Map.copyOf(given);
      weights = cumulative(tenants.stream().mapToDouble(Tenant::weight).toArray());
    }
    deviceIds = new String[n];
    positions = new int[n];
    tenantOf = new int[n];
    groupOf = new byte[n];
    oldAgent = new boolean[n];
    nightOff = new boolean[n];
    for (int i = 0; i < n; i++) {
      int tenant = pick(weights, random.nextDouble());
      tenantOf[i] = tenant;
      deviceIds[i] = "d" + i + "-" + tenantIds[tenant];
      positions[i] = Bucketing.position(productId, deviceIds[i]);
      double g = random.nextDouble();
      groupOf[i] = (byte) (g < 0.75 ? 0 : g < 0.97 ? 1 : 2);
      oldAgent[i] = random.nextDouble() < spec.oldAgentShare();
      nightOff[i] = random.nextDouble() < spec.nightOffShare();
    }
  }

  private Fleet(Fleet base, int forger, String[] ids, int[] at) {
    this.spec = base.spec;
    this.productId = base.productId;
    this.tenantIds = base.tenantIds;
    this.policies = base.policies;
    this.forger = forger;
    this.forged = ids.length;
    int n = base.size() + ids.length;
    int real = base.size();
    deviceIds = java.util.Arrays.copyOf(base.deviceIds, n);
    positions = java.util.Arrays.copyOf(base.positions, n);
    tenantOf = java.util.Arrays.copyOf(base.tenantOf, n);
    groupOf = java.util.Arrays.copyOf(base.groupOf, n);
    oldAgent = java.util.Arrays.copyOf(base.oldAgent, n);
    nightOff = java.util.Arrays.copyOf(base.nightOff, n);
    for (int k = 0; k < ids.length; k++) {
      deviceIds[real + k] = ids[k];
      positions[real + k] = at[k];
      tenantOf[real + k] = forger;
    }
  }

  /**
   * This fleet with {@code count} made-up devices of one small tenant (the smallest STAGED tenant
   * that has devices; never the vendor, who has no devices in the fleet), registered before the
   * rollout (so established) with ids the tenant chose to hash below {@code belowBp} basis points
   * of the product's fleet: into the first ring. The hash is documented, so anyone can do this.
   */
  public Fleet withForger(int count, int belowBp) {
    if (count <= 0) {
      return this;
    }
    int[] sizes = new int[tenantIds.length];
    for (int t : tenantOf) {
      sizes[t]++;
    }
    int chosen = -1;
    for (int t = 0; t < sizes.length; t++) {
      boolean staged =
          policies.getOrDefault(tenantIds[t], TenantPolicy.STAGED).equals(TenantPolicy.STAGED);
      if (staged && sizes[t] > 0 && (chosen < 0 || sizes[t] < sizes[chosen])) {
        chosen = t;
      }
    }
    if (chosen < 0) {
      throw new IllegalArgumentException("the fleet has no STAGED tenant to forge devices");
    }
    String[] ids = new String[count];
    int[] at = new int[count];
    int bound = belowBp * Bucketing.PER_BP;
    int found = 0;
    for (long k = 0; found < count; k++) {
      String id = "forged" + k + "-" + tenantIds[chosen];
      int position = Bucketing.position(productId, id);
      if (position < bound) {
        ids[found] = id;
        at[found++] = position;
      }
    }
    return new Fleet(this, chosen, ids, at);
  }

  /** Whether the device is one the forger made up. */
  public boolean forged(int device) {
    return device >= deviceIds.length - forged;
  }

  /** The forging tenant, or null. */
  public String forgerId() {
    return forger < 0 ? null : tenantIds[forger];
  }

  /** How many tenants the fleet has (indices 0 to this, exclusive). */
  public int tenantCount() {
    return tenantIds.length;
  }

  /** The device's tenant, by index. */
  public int tenantIndex(int device) {
    return tenantOf[device];
  }

  /** The tenant of this index. */
  public String tenantName(int tenant) {
    return tenantIds[tenant];
  }

  /** Tenant sizes: a few large tenants and many small ones (weights proportional to 1/rank). */
  private double[] tenantWeights(SplittableRandom random) {
    double[] weights = new double[tenantIds.length];
    for (int t = 0; t < weights.length; t++) {
      weights[t] = 1.0 / (t + 1) * (0.5 + random.nextDouble());
    }
    return cumulative(weights);
  }

  private static double[] cumulative(double[] weights) {
    double[] cumulative = new double[weights.length];
    double sum = 0;
    for (int t = 0; t < weights.length; t++) {
      sum += Math.max(0, weights[t]);
      cumulative[t] = sum;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("the tenants' weights must add up to more than 0");
    }
    for (int t = 0; t < cumulative.length; t++) {
      cumulative[t] /= sum;
    }
    return cumulative;
  }

  private static int pick(double[] cumulative, double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private Map<String, TenantPolicy> drawPolicies(SplittableRandom random) {
    Map<String, TenantPolicy> drawn = new HashMap<>();
    MaintenanceWindow night =
        new MaintenanceWindow(
            EnumSet.allOf(DayOfWeek.class), LocalTime.of(1, 0), LocalTime.of(5, 0), ZoneOffset.UTC);
    for (String tenant : tenantIds) {
      double u = random.nextDouble();
      Channel channel =
          u < spec.earlyAccessShare()
              ? Channel.EARLY_ACCESS
              : u < spec.earlyAccessShare() + spec.generalShare()
                  ? Channel.GENERAL
                  : u < spec.earlyAccessShare() + spec.generalShare() + spec.nMinusOneShare()
                      ? Channel.N_MINUS_1
                      : Channel.STAGED;
      boolean windows = random.nextDouble() < spec.windowShare();
      if (channel == Channel.STAGED && !windows) {
        continue;
      }
      drawn.put(
          tenant,
          new TenantPolicy(
              channel,
              null,
              false,
              Map.of(),
              windows ? List.of(night) : List.of(),
              null,
              false,
              Set.of()));
    }
    return drawn;
  }

  /** The device indices ordered by a non-negative key, ties by index. */
  public int[] orderBy(java.util.function.IntUnaryOperator key) {
    long[] keyed = new long[size()];
    for (int i = 0; i < keyed.length; i++) {
      keyed[i] = ((long) key.applyAsInt(i) << 32) | i;
    }
    java.util.Arrays.sort(keyed);
    int[] sorted = new int[keyed.length];
    for (int i = 0; i < keyed.length; i++) {
      sorted[i] = (int) keyed[i];
    }
    return sorted;
  }

  /** The tenants' policies as the decision reads them. */
  public FleetPolicies policies() {
    return (tenantId, product) -> policies.getOrDefault(tenantId, TenantPolicy.STAGED);
  }

  public TenantPolicy policyOf(int device) {
    return policies.getOrDefault(tenantIds[tenantOf[device]], TenantPolicy.STAGED);
  }

  public FleetSpec spec() {
    return spec;
  }

  public String productId() {
    return productId;
  }

  public int size() {
    return deviceIds.length;
  }

  public String deviceId(int device) {
    return deviceIds[device];
  }

  public String tenantId(int device) {
    return tenantIds[tenantOf[device]];
  }

  public int position(int device) {
    return positions[device];
  }

  public Set<String> groups(int device) {
    return GROUPS.get(groupOf[device]);
  }

  public boolean oldAgent(int device) {
    return oldAgent[device];
  }

  public Version agentVersion(int device) {
    return oldAgent[device] ? OLD_AGENT : NEW_AGENT;
  }

  public boolean nightOff(int device) {
    return nightOff[device];
  }
}
