package dev.ringgate.checkin.domain;

import dev.ringgate.policy.domain.Channel;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.Version;
import dev.ringgate.rollout.domain.Admission;
import dev.ringgate.rollout.domain.Bucketing;
import java.util.List;

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
    return decide(
        snapshot, request, Bucketing.position(request.productId(), request.deviceId()), nowMillis);
  }

  /**
   * Decides for a product the snapshot holds, the device's position already known (it must be
   * {@link Bucketing#position} of the request's product and device).
   */
  public static Decision decide(
      Snapshot snapshot, CheckinRequest request, int position, long nowMillis) {
    ProductEntry product = snapshot.product(request.productId());
    TenantPolicy policy = snapshot.policies().policy(request.tenantId(), request.productId());
    Version currentVersion = product.parseOrNull(request.current());
    if (request.current() != null && currentVersion == null) {
      return Decision.stay(request.current(), Reason.UNKNOWN_CURRENT, null);
    }
    ReleaseEntry current =
        request.current() == null ? null : product.find(request.current(), currentVersion);
    if (current != null && current.availabilityFor(request.tenantId()).isBad()) {
      return rollback(product, current, request, position, policy, nowMillis);
    }
    if (policy.channel() == Channel.PINNED) {
      return pinned(product, current, currentVersion, request, policy, nowMillis);
    }
    ReleaseEntry offered =
        newestOffered(product, currentVersion, request, position, policy, nowMillis);
    Decision.Awaiting awaiting =
        policy.mayNeedApproval()
            ? awaitingApproval(
                product, currentVersion, offered, request, position, policy, nowMillis)
            : null;
    if (offered != null) {
      Reason blocked = blocksInstalls(policy, nowMillis);
      return (blocked == null
              ? Decision.install(offered, current)
              : Decision.stay(request.current(), blocked, current, offered))
          .awaiting(awaiting);
    }
    if (current != null && current.availabilityFor(request.tenantId()) == Availability.HALTED) {
      return Decision.stay(request.current(), Reason.HALTED_RELEASE, current).awaiting(awaiting);
    }
    if (awaiting != null) {
      Reason reason =
          policy.rejected(awaiting.approvalKey())
              ? Reason.APPROVAL_REJECTED
              : Reason.AWAITING_APPROVAL;
      return Decision.stay(request.current(), reason, current, awaiting.release())
          .awaiting(awaiting);
    }
    return heldBack(product, current, currentVersion, request, position, policy, nowMillis);
  }

  /**
   * A STAY that names the rule holding the device back from the newest release above its version
   * (revoked ones aside): its rollout's state, the device's platform or agent version, the fleet's
   * channel, the ring, or an approval. Only a device that is offered nothing pays for it, and it
   * allocates nothing but the answer.
   */
  private static Decision heldBack(
      ProductEntry product,
      ReleaseEntry current,
      Version currentVersion,
      CheckinRequest request,
      int position,
      TenantPolicy policy,
      long nowMillis) {
    ReleaseEntry newest = newestAbove(product, currentVersion);
    if (newest == null) {
      return Decision.stay(
          request.current(),
          request.current() == null ? Reason.NO_RELEASE : Reason.UP_TO_DATE,
          current);
    }
    if (policy.channel() == Channel.N_MINUS_1) {
      ReleaseEntry target = nMinusOne(product);
      if (target == null
          || (currentVersion != null && target.version().compareTo(currentVersion) <= 0)) {
        return Decision.stay(request.current(), Reason.N_MINUS_1_CHANNEL, current, newest);
      }
      newest = target;
    }
    return Decision.stay(
        request.current(), why(newest, request, position, policy, nowMillis), current, newest);
  }

  /** The newest release above the version (any, for a new device) that is not revoked. */
  private static ReleaseEntry newestAbove(ProductEntry product, Version currentVersion) {
    List<ReleaseEntry> releases = product.newestFirst();
    for (int i = 0, n = releases.size(); i < n; i++) {
      ReleaseEntry release = releases.get(i);
      if (currentVersion != null && release.version().compareTo(currentVersion) <= 0) {
        return null;
      }
      if (release.availability() != Availability.REVOKED) {
        return release;
      }
    }
    return null;
  }

  /** Why a release above the device's version is not offered to it: the first rule it fails. */
  static Reason why(
      ReleaseEntry release,
      CheckinRequest request,
      int position,
      TenantPolicy policy,
      long nowMillis) {
    String platform = request.platform();
    if (platform == null || !release.platforms().contains(platform)) {
      return Reason.PLATFORM_NOT_SUPPORTED;
    }
    if (release.requires() != null) {
      if (request.agentVersion() == null) {
        return Reason.AGENT_VERSION_MISSING;
      }
      if (!release.requires().contains(request.agentVersion())) {
        return Reason.AGENT_VERSION_OUT_OF_RANGE;
      }
    }
    switch (release.availabilityFor(request.tenantId())) {
      case NOT_STARTED:
        return Reason.ROLLOUT_NOT_STARTED;
      case PAUSED:
        return Reason.ROLLOUT_PAUSED;
      case HALTED, ROLLED_BACK, REVOKED:
        return Reason.ROLLOUT_HALTED;
      case SUPERSEDED:
        return Reason.ROLLOUT_SUPERSEDED;
      case IN_RINGS:
        Admission admission = release.admission();
        if (policy.channel() == Channel.GENERAL
            && admission != null
            && admission.ringIndex() < admission.rings().size() - 1) {
          return Reason.GENERAL_CHANNEL_WAITS;
        }
        if (admission == null || !admitted(admission, request, position, policy, nowMillis)) {
          return Reason.RING_NOT_REACHED;
        }
        break;
      case COMPLETED:
        break;
    }
    String key = policy.approvalNeeded(release.releaseId(), request.groups());
    if (key != null) {
      return policy.rejected(key) ? Reason.APPROVAL_REJECTED : Reason.AWAITING_APPROVAL;
    }
    return Reason.UP_TO_DATE;
  }

  /**
   * The newest release, above both the current version and the one offered, that would reach the
   * device but for an approval it still waits for: the approval to ask the tenant for.
   */
  private static Decision.Awaiting awaitingApproval(
      ProductEntry product,
      Version currentVersion,
      ReleaseEntry offered,
      CheckinRequest request,
      int position,
      TenantPolicy policy,
      long nowMillis) {
    for (ReleaseEntry release : product.newestFirst()) {
      if ((currentVersion != null && release.version().compareTo(currentVersion) <= 0)
          || release == offered) {
        return null;
      }
      if (policy.channel() != Channel.N_MINUS_1 || release == nMinusOne(product)) {
        String key = policy.approvalNeeded(release.releaseId(), request.groups());
        if (key != null && reachable(release, request, position, policy, nowMillis)) {
          return new Decision.Awaiting(release, key);
        }
      }
    }
    return null;
  }

  /** The newest release above the current version that the device is offered, or null. */
  private static ReleaseEntry newestOffered(
      ProductEntry product,
      Version currentVersion,
      CheckinRequest request,
      int position,
      TenantPolicy policy,
      long nowMillis) {
    if (policy.channel() == Channel.N_MINUS_1) {
      ReleaseEntry target = nMinusOne(product);
      boolean newer =
          target != null
              && (currentVersion == null || target.version().compareTo(currentVersion) > 0);
      return newer
              && target.runsOn(request.platform(), request.agentVersion())
              && policy.approves(target.releaseId(), request.groups())
          ? target
          : null;
    }
    for (ReleaseEntry release : product.newestFirst()) {
      if (currentVersion != null && release.version().compareTo(currentVersion) <= 0) {
        return null;
      }
      if (offers(release, request, position, policy, nowMillis)) {
        return release;
      }
    }
    return null;
  }

  /** One release behind the newest completed one: the second newest completed release. */
  static ReleaseEntry nMinusOne(ProductEntry product) {
    boolean newestSeen = false;
    for (ReleaseEntry release : product.newestFirst()) {
      if (release.availability() == Availability.COMPLETED) {
        if (newestSeen) {
          return release;
        }
        newestSeen = true;
      }
    }
    return null;
  }

  /**
   * A pinned device runs exactly the pinned version: up to it is an INSTALL, down to it a ROLLBACK.
   * A pin to a version that is gone (revoked or rolled back) leaves the device where it is.
   */
  private static Decision pinned(
      ProductEntry product,
      ReleaseEntry current,
      Version currentVersion,
      CheckinRequest request,
      TenantPolicy policy,
      long nowMillis) {
    Version pinVersion = product.parseOrNull(policy.pinnedVersion());
    ReleaseEntry pin = pinVersion == null ? null : product.find(policy.pinnedVersion(), pinVersion);
    if (pin == null
        || pin.availabilityFor(request.tenantId()).isBad()
        || !pin.runsOn(request.platform(), request.agentVersion())) {
      return Decision.stay(request.current(), Reason.PINNED, current);
    }
    int order = currentVersion == null ? -1 : currentVersion.compareTo(pin.version());
    if (order == 0) {
      return Decision.stay(request.current(), Reason.PINNED, current);
    }
    if (order > 0) {
      return Decision.rollback(pin, Reason.PINNED_DOWN, current);
    }
    Reason blocked = blocksInstalls(policy, nowMillis);
    return blocked == null
        ? Decision.install(pin, current)
        : Decision.stay(request.current(), blocked, current);
  }

  /** Whether the release is offered to this device now. */
  static boolean offers(
      ReleaseEntry release,
      CheckinRequest request,
      int position,
      TenantPolicy policy,
      long nowMillis) {
    return policy.approves(release.releaseId(), request.groups())
        && reachable(release, request, position, policy, nowMillis);
  }

  /** Whether the release would reach this device now, approvals aside. */
  private static boolean reachable(
      ReleaseEntry release,
      CheckinRequest request,
      int position,
      TenantPolicy policy,
      long nowMillis) {
    if (!release.runsOn(request.platform(), request.agentVersion())) {
      return false;
    }
    return switch (release.availabilityFor(request.tenantId())) {
      case COMPLETED -> true;
      case IN_RINGS -> admitted(release.admission(), request, position, policy, nowMillis);
      default -> false;
    };
  }

  private static boolean admitted(
      Admission admission,
      CheckinRequest request,
      int position,
      TenantPolicy policy,
      long nowMillis) {
    int last = admission.rings().size() - 1;
    if (policy.channel() == Channel.GENERAL && admission.ringIndex() < last) {
      return false;
    }
    String earliest = policy.earliestRing(request.groups());
    if (earliest != null) {
      return admission.ringIndex() >= ringIndex(admission, earliest, last);
    }
    return admission.admits(position, request.groups(), policy.earlyAccess(), nowMillis);
  }

  /** The index of a ring by name; an unknown name means the last ring (fail closed). */
  private static int ringIndex(Admission admission, String name, int last) {
    for (int i = 0; i <= last; i++) {
      if (admission.rings().get(i).name().equals(name)) {
        return i;
      }
    }
    return last;
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
        bad.availabilityFor(request.tenantId()) == Availability.REVOKED
            ? Reason.REVOKED_RELEASE
            : Reason.ROLLED_BACK_RELEASE;
    for (ReleaseEntry release : product.newestFirst()) {
      if (release.version().compareTo(bad.version()) >= 0
          || !release.availabilityFor(request.tenantId()).isGood()) {
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
    if (release.availabilityFor(request.tenantId()) == Availability.COMPLETED) {
      return true;
    }
    return release.admission() != null
        && release.admission().admits(position, request.groups(), policy.earlyAccess(), nowMillis);
  }

  /** Why the fleet's policy lets nothing new be installed now, or null when it does. */
  static Reason blocksInstalls(TenantPolicy policy, long nowMillis) {
    if (policy.stopped()) {
      return Reason.TENANT_STOPPED;
    }
    if (policy.frozen(nowMillis)) {
      return Reason.FROZEN;
    }
    return policy.insideWindow(nowMillis) ? null : Reason.OUTSIDE_WINDOW;
  }
}
