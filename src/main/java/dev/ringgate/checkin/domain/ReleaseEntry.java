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
 */
public record ReleaseEntry(
    String releaseId,
    Version version,
    Set<String> platforms,
    VersionRange requires,
    Availability availability,
    Admission admission,
    String rolloutId,
    String deliveryJson) {

  public ReleaseEntry {
    platforms = Set.copyOf(platforms);
  }

  /** Whether a device of this platform and agent version may run the release at all. */
  public boolean runsOn(String platform, Version agentVersion) {
    if (platform == null || !platforms.contains(platform)) {
      return false;
    }
    return requires == null || (agentVersion != null && requires.contains(agentVersion));
  }
}
