package dev.ringgate.checkin.domain;

import dev.ringgate.release.domain.Version;
import dev.ringgate.rollout.domain.Bucketing;

/**
 * The decision rule: for device d and product p, the permitted version is the newest release that
 * runs on d, whose rollout has reached d's ring, and that d's tenant policy allows. A device on a
 * rolled-back or revoked release is told to return to the last good version; otherwise it is told
 * to install a newer permitted version, or to stay. No release is ever a downgrade except a
 * rollback. A pure function of the snapshot, the request and the time.
 */
public final class Decider {
  private Decider() {}

  /** Decides for a product the snapshot holds. */
  public static Decision decide(Snapshot snapshot, CheckinRequest request, long nowMillis) {
    ProductEntry product = snapshot.product(request.productId());
    TenantPolicy policy = snapshot.policies().policy(request.tenantId(), request.productId());
    int position = Bucketing.position(request.productId(), request.deviceId());
    Version currentVersion = product.parseOrNull(request.current());
    if (request.current() != null && currentVersion == null) {
      return Decision.stay(request.current(), Reason.UNKNOWN_CURRENT, null);
    }
    ReleaseEntry current =
        request.current() == null ? null : product.find(request.current(), currentVersion);
    if (current != null && current.availability().isBad()) {
      return rollback(product, current, request, position, policy, nowMillis);
    }
    for (ReleaseEntry release : product.newestFirst()) {
      if (currentVersion != null && release.version().compareTo(currentVersion) <= 0) {
        break;
      }
      if (offers(release, request, position, policy, nowMillis)) {
        return Decision.install(release, current);
      }
    }
    if (request.current() == null) {
      return Decision.stay(null, Reason.NO_RELEASE, null);
    }
    boolean halted = current != null && current.availability() == Availability.HALTED;
    return Decision.stay(
        request.current(), halted ? Reason.HALTED_RELEASE : Reason.UP_TO_DATE, current);
  }

  /** Whether the release is offered to this device now. */
  static boolean offers(
      ReleaseEntry release,
      CheckinRequest request,
      int position,
      TenantPolicy policy,
      long nowMillis) {
    return switch (release.availability()) {
      case COMPLETED -> release.runsOn(request.platform(), request.agentVersion());
      case IN_RINGS ->
          release.runsOn(request.platform(), request.agentVersion())
              && release
                  .admission()
                  .admits(position, request.groups(), policy.earlyAccess(), nowMillis);
      default -> false;
    };
  }

  /**
   * The last good version: the newest release older than the bad one that is not halted, rolled
   * back or revoked, runs on the device, and reached it (completed, or its rollout admitted it).
   */
  private static Decision rollback(
      ProductEntry product,
      ReleaseEntry bad,
      CheckinRequest request,
      int position,
      TenantPolicy policy,
      long nowMillis) {
    Reason reason =
        bad.availability() == Availability.REVOKED
            ? Reason.REVOKED_RELEASE
            : Reason.ROLLED_BACK_RELEASE;
    for (ReleaseEntry release : product.newestFirst()) {
      if (release.version().compareTo(bad.version()) >= 0 || !release.availability().isGood()) {
        continue;
      }
      if (release.runsOn(request.platform(), request.agentVersion())
          && reached(release, request, position, policy, nowMillis)) {
        return Decision.rollback(release, reason, bad);
      }
    }
    return Decision.stay(request.current(), Reason.NO_ROLLBACK_TARGET, bad);
  }

  private static boolean reached(
      ReleaseEntry release,
      CheckinRequest request,
      int position,
      TenantPolicy policy,
      long nowMillis) {
    if (release.availability() == Availability.COMPLETED) {
      return true;
    }
    return release.admission() != null
        && release.admission().admits(position, request.groups(), policy.earlyAccess(), nowMillis);
  }
}
