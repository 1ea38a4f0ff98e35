package dev.ringgate.demo;

import java.util.List;

/**
 * A tenant of the demo, with the channel its fleet admin chose and its share of the simulated
 * devices.
 *
 * @param channel the tenant's policy channel for the demo product
 * @param percent its share of the devices, in percent; the shares of {@link #ALL} add up to 100
 */
record DemoTenant(String id, String name, String channel, int percent) {
  /**
   * The demo's tenants: a small early-access lab (in the canary ring, whatever its devices'
   * positions), a hospital that waits for the final ring, and two staged fleets.
   */
  static final List<DemoTenant> ALL =
      List.of(
          new DemoTenant("demo-early-lab", "Early Bird Labs", "EARLY_ACCESS", 5),
          new DemoTenant("demo-hospital", "St Demo Hospital", "GENERAL", 20),
          new DemoTenant("demo-retail", "Demo Retail", "STAGED", 45),
          new DemoTenant("demo-logistics", "Demo Logistics", "STAGED", 30));

  /** The tenant of device {@code index} of {@code devices}: consecutive blocks by share. */
  static DemoTenant of(int index, int devices) {
    int cumulative = 0;
    for (DemoTenant tenant : ALL) {
      cumulative += tenant.percent();
      if ((long) index * 100 < (long) cumulative * devices) {
        return tenant;
      }
    }
    return ALL.get(ALL.size() - 1);
  }

  /** Whether a fleet admin sets a policy for it (the default channel is STAGED). */
  boolean hasPolicy() {
    return !"STAGED".equals(channel);
  }
}
