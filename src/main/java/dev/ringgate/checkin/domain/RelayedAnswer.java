package dev.ringgate.checkin.domain;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.policy.domain.Channel;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.Version;
import dev.ringgate.rollout.domain.Admission;

/**
 * What an edge relay says it told a device, as a {@link Decision} for the gate's marks, checked
 * against the upstream's snapshot: the release must be one of the product's, an INSTALL must be an
 * upgrade of a release whose rollout started and has reached the device's ring (relays never
 * advance a rollout; a pin to it aside), a ROLLBACK a step down. The answer is only recorded, never
 * offered, so it cannot widen what the upstream gives. Pure.
 */
public final class RelayedAnswer {
  private RelayedAnswer() {}

  /** The relay's answer as a decision; 400 naming {@code told} or {@code version} otherwise. */
  public static Decision of(
      ProductEntry product,
      CheckinRequest request,
      TenantPolicy policy,
      int position,
      String told,
      String version) {
    Action action = action(told);
    Version currentVersion = product.parseOrNull(request.current());
    ReleaseEntry running =
        currentVersion == null ? null : product.find(request.current(), currentVersion);
    if (action == Action.STAY) {
      return new Decision(
          Action.STAY, null, request.current(), Reason.UP_TO_DATE, running, null, null);
    }
    if (version == null || version.isEmpty()) {
      throw ApiException.invalid("version", "must name the release the device was told to run");
    }
    Version parsed = product.parseOrNull(version);
    ReleaseEntry release = parsed == null ? null : product.find(version, parsed);
    if (release == null) {
      throw ApiException.invalid("version", "is not a release of product " + product.productId());
    }
    if (action == Action.ROLLBACK) {
      if (currentVersion != null && release.version().compareTo(currentVersion) >= 0) {
        throw ApiException.invalid("version", "a rollback must be below the current version");
      }
      return new Decision(
          Action.ROLLBACK, release, release.version().text(), Reason.ROLLED_BACK_RELEASE, running);
    }
    if (currentVersion != null && release.version().compareTo(currentVersion) <= 0) {
      throw ApiException.invalid("version", "an install must be above the current version");
    }
    boolean pinnedTo = policy.channel() == Channel.PINNED && version.equals(policy.pinnedVersion());
    if (!pinnedTo) {
      Availability availability = release.availability();
      if (availability == Availability.NOT_STARTED) {
        throw ApiException.invalid("version", "its rollout has not started");
      }
      Admission admission = release.admission();
      if (admission != null && CohortMark.counts(availability)) {
        int ring = admission.ringOf(position, request.groups(), policy.earlyAccess());
        if (ring > admission.ringIndex()) {
          throw ApiException.invalid(
              "version", "its rollout has not reached the device's ring " + ring);
        }
      }
    }
    return new Decision(
        Action.INSTALL, release, release.version().text(), Reason.NEW_RELEASE, running);
  }

  private static Action action(String told) {
    if (told != null) {
      for (Action action : Action.values()) {
        if (action.name().equals(told)) {
          return action;
        }
      }
    }
    throw ApiException.invalid("told", "must be INSTALL, STAY or ROLLBACK");
  }
}
