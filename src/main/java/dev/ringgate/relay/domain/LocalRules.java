package dev.ringgate.relay.domain;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.checkin.domain.Availability;
import dev.ringgate.checkin.domain.Decision;
import dev.ringgate.checkin.domain.ProductEntry;
import dev.ringgate.checkin.domain.Reason;
import dev.ringgate.checkin.domain.ReleaseEntry;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.Version;
import dev.ringgate.rollout.domain.Admission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a relay does to the upstream's snapshot before deciding on it. Every rule only narrows: a
 * local stop (nothing new, rollbacks flow), ramps frozen at the last contact while the upstream is
 * unreachable (never admitting beyond the last synced share), and releases withdrawn locally by the
 * fast path (their devices told to roll back). Pure: the same inputs give the same snapshot.
 */
public final class LocalRules {
  private LocalRules() {}

  /**
   * @param stopped the tenant's fleet admins stopped updates on this relay
   * @param frozenAtMillis ramps stand still from this time ({@link Admission#NOT_FROZEN}: not)
   * @param withdrawn release ids withdrawn locally
   */
  public static Snapshot apply(
      Snapshot synced, boolean stopped, long frozenAtMillis, Set<String> withdrawn) {
    return apply(synced, stopped, null, frozenAtMillis, withdrawn);
  }

  /**
   * As {@link #apply(Snapshot, boolean, long, Set)}, with a local freeze: no new version before
   * {@code freezeUntil} (null: none), on top of the tenant's own freeze.
   */
  public static Snapshot apply(
      Snapshot synced,
      boolean stopped,
      Instant freezeUntil,
      long frozenAtMillis,
      Set<String> withdrawn) {
    if (!stopped
        && freezeUntil == null
        && frozenAtMillis == Admission.NOT_FROZEN
        && withdrawn.isEmpty()) {
      return synced;
    }
    Map<String, ProductEntry> products = new HashMap<>();
    for (ProductEntry product : synced.products().values()) {
      List<ReleaseEntry> releases = new ArrayList<>();
      for (ReleaseEntry r : product.newestFirst()) {
        releases.add(narrow(r, frozenAtMillis, withdrawn));
      }
      products.put(
          product.productId(),
          new ProductEntry(product.productId(), product.versioning(), releases));
    }
    return new Snapshot(
        synced.storeVersion(),
        products,
        (tenantId, productId) -> {
          TenantPolicy policy = frozen(synced.policies().policy(tenantId, productId), freezeUntil);
          return stopped ? policy.stopped(true) : policy;
        });
  }

  /** The policy frozen until the later of its own freeze and the local one. */
  private static TenantPolicy frozen(TenantPolicy policy, Instant freezeUntil) {
    if (freezeUntil == null
        || (policy.freezeUntil() != null && !freezeUntil.isAfter(policy.freezeUntil()))) {
      return policy;
    }
    return new TenantPolicy(
        policy.channel(),
        policy.pinnedVersion(),
        policy.requireApproval(),
        policy.groups(),
        policy.windows(),
        freezeUntil,
        policy.stopped(),
        policy.approved(),
        policy.rejected());
  }

  private static ReleaseEntry narrow(ReleaseEntry r, long frozenAtMillis, Set<String> withdrawn) {
    Admission admission = r.admission();
    if (admission != null && frozenAtMillis < admission.frozenAtMillis()) {
      admission =
          new Admission(
              admission.rings(),
              admission.ringIndex(),
              admission.ringStartedAtMillis(),
              frozenAtMillis);
    }
    boolean out = withdrawn.contains(r.releaseId()) && !r.availability().isBad();
    if (admission == r.admission() && !out) {
      return r;
    }
    return new ReleaseEntry(
        r.releaseId(),
        r.version(),
        r.platforms(),
        r.requires(),
        out ? Availability.ROLLED_BACK : r.availability(),
        admission,
        r.rolloutId(),
        r.deliveryJson(),
        r.haltedTenants(),
        r.tenantHalt());
  }

  /**
   * A local pin: no INSTALL above {@code pinVersion}; the device stays, told why ({@code PINNED}).
   * Installs up to the pin and rollbacks are the upstream's decision, unchanged; a device above the
   * pin is not sent down. Only narrows.
   */
  public static Decision pinned(
      Decision decision, ProductEntry product, String pinVersion, String current) {
    if (decision.action() != Action.INSTALL) {
      return decision;
    }
    Version pin = product.parseOrNull(pinVersion);
    if (pin != null && decision.target().version().compareTo(pin) <= 0) {
      return decision;
    }
    return new Decision(
        Action.STAY, null, current, Reason.PINNED, decision.running(), null, decision.target());
  }

  /**
   * After the relay's maximum staleness, no INSTALL of a release the device does not run: the
   * device stays, told why. Rollbacks still flow.
   */
  public static Decision stale(Decision decision, String current) {
    if (decision.action() != Action.INSTALL) {
      return decision;
    }
    return new Decision(
        Action.STAY,
        null,
        current,
        Reason.RELAY_STALE,
        decision.running(),
        null,
        decision.target());
  }
}
