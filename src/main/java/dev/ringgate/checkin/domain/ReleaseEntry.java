package dev.ringgate.checkin.domain;

import dev.ringgate.release.domain.Version;
import dev.ringgate.release.domain.VersionRange;
import dev.ringgate.rollout.domain.Admission;
import java.util.Set;

/**
 * A release as the decision needs it, with the JSON of its artifact and signature prepared once
 * when the snapshot is built.
 *
 * @param admission the rollout's rings and where it stands; null unless it has started
 * @param deliveryJson {@code "artifact":{...},"signature":{...}}, ready to be written into answers
 * @param haltedTenants tenants the rollout is halted for while the rest of the fleet goes on
 * @param tenantHalt what the release is to those tenants: HALTED, or ROLLED_BACK when the plan
 *     rolls back on a halt
 */
public record ReleaseEntry(
    String releaseId,
    Version version,
    Set<String> platforms,
    VersionRange requires,
    Availability availability,
    Admission admission,
    String rolloutId,
    String deliveryJson,
    Set<String> haltedTenants,
    Availability tenantHalt) {

  public ReleaseEntry {
    platforms = Set.copyOf(platforms);
    haltedTenants = haltedTenants == null ? Set.of() : Set.copyOf(haltedTenants);
    tenantHalt = tenantHalt == null ? Availability.HALTED : tenantHalt;
  }

  /** A release halted for no tenant in particular. */
  public ReleaseEntry(
      String releaseId,
      Version version,
      Set<String> platforms,
      VersionRange requires,
      Availability availability,
      Admission admission,
      String rolloutId,
      String deliveryJson) {
    this(
        releaseId,
        version,
        platforms,
        requires,
        availability,
        admission,
        rolloutId,
        deliveryJson,
        Set.of(),
        Availability.HALTED);
  }

  /**
   * The release's availability to a tenant's devices: halted (or rolled back) for a tenant the
   * rollout is halted for while it is in its rings, paused or completed; otherwise the release's.
   * Allocates nothing: the check-in asks it on every decision.
   */
  public Availability availabilityFor(String tenantId) {
    if (haltedTenants.isEmpty() || !haltedTenants.contains(tenantId)) {
      return availability;
    }
    return switch (availability) {
      case IN_RINGS, PAUSED, COMPLETED -> tenantHalt;
      default -> availability;
    };
  }

  /** Whether a device of this platform and agent version may run the release at all. */
  public boolean runsOn(String platform, Version agentVersion) {
    if (platform == null || !platforms.contains(platform)) {
      return false;
    }
    return requires == null || (agentVersion != null && requires.contains(agentVersion));
  }
}
