package dev.ringgate.health.domain;

/**
 * One tenant's part of a ring's evidence.
 *
 * @param tenantId the tenant
 * @param counts its established devices' figures within the evidence window
 * @param established its established devices in the ring, heard from since the start or not: what
 *     its share of the ring is measured in
 * @param fleetShare its share, 0 to 1, of the product's established devices (all rings); 0 when
 *     unknown
 * @param controlEstablished its established devices that can be control devices of the ring (the
 *     ring's own and those of the rings not reached yet): what its share of the control group is
 *     measured in
 */
public record TenantCounts(
    String tenantId,
    RingCounts counts,
    long established,
    double fleetShare,
    long controlEstablished) {

  /** A tenant whose control devices are the ring's own. */
  public TenantCounts(String tenantId, RingCounts counts, long established, double fleetShare) {
    this(tenantId, counts, established, fleetShare, established);
  }

  /** Whether the tenant has anything the gate could weigh. */
  public boolean weighs() {
    return counts.atRisk() > 0 || counts.failed() > 0 || counts.control() > 0;
  }
}
