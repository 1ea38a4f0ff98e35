package dev.ringgate.telemetry;

import dev.ringgate.account.AccountKind;
import dev.ringgate.account.AccountService;
import dev.ringgate.checkin.DeviceStore;
import dev.ringgate.checkin.SnapshotHolder;
import dev.ringgate.checkin.domain.Action;
import dev.ringgate.checkin.domain.Availability;
import dev.ringgate.checkin.domain.ProductEntry;
import dev.ringgate.checkin.domain.ReleaseEntry;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.policy.ApprovalStore;
import dev.ringgate.policy.PolicyStore;
import dev.ringgate.release.ProductStore;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.store.Store;
import dev.ringgate.telemetry.api.FleetView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's fleet for a product, read from the devices' last check-ins (as written behind: a
 * changed version or answer within the flush interval, an unchanged last-seen time every few
 * minutes), the failures reported in the last 24 hours, pending approvals and the stop. It lives
 * here, above check-in and policy, because it reads their data and telemetry's.
 */
@ApplicationScoped
public class FleetService {
  private final Store store;
  private final DeviceStore devices;
  private final ApprovalStore approvals;
  private final PolicyStore policies;
  private final ProductStore products;
  private final TimeSource time;
  private final SnapshotHolder snapshots;

  FleetService(
      Store store,
      DeviceStore devices,
      ApprovalStore approvals,
      PolicyStore policies,
      ProductStore products,
      TimeSource time,
      SnapshotHolder snapshots) {
    this.snapshots = snapshots;
    this.store = store;
    this.devices = devices;
    this.approvals = approvals;
    this.policies = policies;
    this.products = products;
    this.time = time;
  }

  public FleetView fleet(Caller caller, String tenantId, String productId) {
    Access.requireTenant(caller, tenantId, Role.FLEET_ADMIN, Role.OPERATOR);
    if (productId == null || productId.isBlank()) {
      throw ApiException.invalid("productId", "is required");
    }
    return store.read(
        c -> {
          if (!AccountService.exists(c, AccountKind.TENANT, tenantId)) {
            throw ApiException.notFound("tenant", tenantId);
          }
          products
              .find(c, productId)
              .orElseThrow(() -> ApiException.notFound("product", productId));
          Map<String, Long> byVersion = new TreeMap<>();
          Map<String, Long> byAction = new TreeMap<>();
          long known = 0;
          ProductEntry product = snapshots.current().product(productId);
          for (DeviceStore.LastAnswers row : devices.lastAnswers(c, tenantId, productId)) {
            known += row.devices();
            byVersion.merge(
                row.version() == null ? "none" : row.version(), row.devices(), Long::sum);
            byAction.merge(toldNow(product, row), row.devices(), Long::sum);
          }
          long pending = approvals.countPending(c, tenantId, productId);
          long crashed =
              TelemetryStore.failingDevices(
                  c, tenantId, productId, time.now().minus(Duration.ofHours(24)));
          return new FleetView(
              tenantId,
              productId,
              known,
              byVersion,
              byAction,
              crashed,
              pending,
              policies.isStopped(c, tenantId));
        });
  }

  /**
   * What devices of a row are told now, as far as their version and the current rollout states
   * decide it (the last answer goes stale when a rollout is halted or rolled back between
   * check-ins): a device on a rolled-back or revoked release is told ROLLBACK; one told to install
   * a release that is no longer offered is told STAY; one told to roll back from a release that is
   * good again is told STAY.
   */
  static String toldNow(ProductEntry product, DeviceStore.LastAnswers row) {
    if (product == null) {
      return row.action();
    }
    ReleaseEntry running = find(product, row.version());
    if (running != null && running.availability().isBad()) {
      return Action.ROLLBACK.name();
    }
    if (Action.INSTALL.name().equals(row.action())) {
      ReleaseEntry target = find(product, row.toldVersion());
      boolean offered =
          target != null
              && (target.availability() == Availability.IN_RINGS
                  || target.availability() == Availability.COMPLETED);
      return offered ? row.action() : Action.STAY.name();
    }
    if (Action.ROLLBACK.name().equals(row.action()) && running != null) {
      return Action.STAY.name();
    }
    return row.action();
  }

  private static ReleaseEntry find(ProductEntry product, String version) {
    return version == null ? null : product.find(version, product.parseOrNull(version));
  }
}
