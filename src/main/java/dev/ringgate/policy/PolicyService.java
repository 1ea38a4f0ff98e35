package dev.ringgate.policy;

import dev.ringgate.account.AccountKind;
import dev.ringgate.account.AccountService;
import dev.ringgate.events.EventRecorder;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.TimeBounds;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.kernel.Violation;
import dev.ringgate.policy.PolicyEvents.PolicySet;
import dev.ringgate.policy.api.PolicyRequest;
import dev.ringgate.policy.api.PolicyView;
import dev.ringgate.policy.domain.Channel;
import dev.ringgate.policy.domain.PolicySettings;
import dev.ringgate.release.ProductStore;
import dev.ringgate.release.ReleaseStore;
import dev.ringgate.release.domain.Product;
import dev.ringgate.release.domain.Release;
import dev.ringgate.release.domain.Ring;
import dev.ringgate.release.domain.Version;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.store.ChangeFeed;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Fleet admins' policies per product ({@link FleetStops} stops a whole fleet). */
@ApplicationScoped
public class PolicyService {
  private final Store store;
  private final PolicyStore policies;
  private final ProductStore products;
  private final ReleaseStore releases;
  private final EventRecorder events;
  private final ChangeFeed changes;
  private final TimeSource time;

  PolicyService(
      Store store,
      PolicyStore policies,
      ProductStore products,
      ReleaseStore releases,
      EventRecorder events,
      ChangeFeed changes,
      TimeSource time) {
    this.store = store;
    this.policies = policies;
    this.products = products;
    this.releases = releases;
    this.events = events;
    this.changes = changes;
    this.time = time;
  }

  public PolicyView get(Caller caller, String tenantId, String productId) {
    Access.requireTenant(caller, tenantId, Role.FLEET_ADMIN, Role.OPERATOR);
    return store.read(
        c -> {
          requireTenantExists(c, tenantId);
          product(c, productId);
          Optional<PolicySettings> policy = policies.find(c, tenantId, productId);
          return PolicyView.of(
              tenantId,
              productId,
              policy.orElse(PolicySettings.DEFAULT),
              policy.isEmpty(),
              policies.isStopped(c, tenantId));
        });
  }

  public PolicyView put(Caller caller, String tenantId, String productId, PolicyRequest request) {
    Access.requireTenant(caller, tenantId, Role.FLEET_ADMIN);
    checkShape(request);
    PolicyView view =
        store.inTransaction(
            c -> {
              requireTenantExists(c, tenantId);
              Product product = product(c, productId);
              checkAgainstProduct(c, product, request);
              policies.put(c, tenantId, productId, request.settings(), time.now());
              events.record(
                  c, caller.actor(), request.reason(), new PolicySet(tenantId, productId, request));
              changes.bump(c);
              return PolicyView.of(
                  tenantId, productId, request.settings(), false, policies.isStopped(c, tenantId));
            });
    changes.committed();
    return view;
  }

  private static void checkShape(PolicyRequest request) {
    List<Violation> violations = new ArrayList<>();
    boolean pinned = request.channel() == Channel.PINNED;
    if (pinned && request.pinnedVersion() == null) {
      violations.add(new Violation("pinnedVersion", "is required for the PINNED channel"));
    }
    if (!pinned && request.pinnedVersion() != null) {
      violations.add(new Violation("pinnedVersion", "is only allowed for the PINNED channel"));
    }
    Violation freeze =
        TimeBounds.check(
            "freezeUntil",
            request.freezeUntil() == null ? null : request.freezeUntil().toInstant());
    if (freeze != null) {
      violations.add(freeze);
    }
    List<PolicyRequest.WindowRequest> windows =
        request.maintenanceWindows() == null ? List.of() : request.maintenanceWindows();
    for (int i = 0; i < windows.size(); i++) {
      PolicyRequest.WindowRequest window = windows.get(i);
      try {
        ZoneId.of(window.zone());
      } catch (DateTimeException e) {
        violations.add(
            new Violation("maintenanceWindows[" + i + "].zone", "is not a known time zone"));
      }
      if (window.start().equals(window.end())) {
        violations.add(
            new Violation("maintenanceWindows[" + i + "].end", "must differ from start"));
      }
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations);
    }
  }

  private void checkAgainstProduct(Connection c, Product product, PolicyRequest request)
      throws SQLException {
    if (request.groups() != null) {
      Set<String> rings =
          products.plan(c, product.ringPlanId()).plan().rings().stream()
              .map(Ring::name)
              .collect(Collectors.toSet());
      List<Violation> violations = new ArrayList<>();
      request
          .groups()
          .forEach(
              (name, group) -> {
                if (group.earliestRing() != null && !rings.contains(group.earliestRing())) {
                  violations.add(
                      new Violation(
                          "groups." + name + ".earliestRing",
                          "is not a ring of the product's plan " + rings));
                }
              });
      if (!violations.isEmpty()) {
        throw ApiException.invalid(violations);
      }
    }
    if (request.pinnedVersion() != null) {
      Version pin;
      try {
        pin = product.versioning().parse(request.pinnedVersion());
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("pinnedVersion", e.getMessage());
      }
      Optional<Release> release = releases.findByVersionKey(c, product.id(), pin.normalized());
      if (release.isEmpty() || release.get().isRevoked()) {
        throw new ApiException(
            ErrorCode.UNPROCESSABLE,
            "pinnedVersion: "
                + request.pinnedVersion()
                + (release.isEmpty() ? " is not a release of " : " is revoked in ")
                + product.id()
                + ".");
      }
    }
  }

  private Product product(Connection c, String productId) throws SQLException {
    return products
        .find(c, productId)
        .orElseThrow(() -> ApiException.notFound("product", productId));
  }

  static void requireTenantExists(Connection c, String tenantId) throws SQLException {
    if (!AccountService.exists(c, AccountKind.TENANT, tenantId)) {
      throw ApiException.notFound("tenant", tenantId);
    }
  }
}
