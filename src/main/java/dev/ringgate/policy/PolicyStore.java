package dev.ringgate.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.policy.api.PolicyRequest;
import dev.ringgate.policy.domain.FleetPolicies;
import dev.ringgate.policy.domain.GroupRule;
import dev.ringgate.policy.domain.MaintenanceWindow;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Tenant policies and stops in the store, and their form in the check-in snapshot. */
@ApplicationScoped
public class PolicyStore {
  private final ObjectMapper json;
  private final ApprovalStore approvals;

  PolicyStore(ObjectMapper json, ApprovalStore approvals) {
    this.json = json;
    this.approvals = approvals;
  }

  public Optional<PolicyRequest> find(Connection c, String tenantId, String productId)
      throws SQLException {
    return Sql.one(
        c,
        "SELECT policy FROM tenant_policies WHERE tenant_id = ? AND product_id = ?",
        r -> read(r.getString(1)),
        tenantId,
        productId);
  }

  public void put(
      Connection c, String tenantId, String productId, PolicyRequest policy, Instant now)
      throws SQLException {
    int updated =
        Sql.update(
            c,
            "UPDATE tenant_policies SET policy = ?, updated_at = ? WHERE tenant_id = ? AND"
                + " product_id = ?",
            write(policy),
            now,
            tenantId,
            productId);
    if (updated == 0) {
      Sql.update(
          c,
          "INSERT INTO tenant_policies (tenant_id, product_id, policy, updated_at) VALUES (?, ?, ?,"
              + " ?)",
          tenantId,
          productId,
          write(policy),
          now);
    }
  }

  /** Whether the tenant is stopped. */
  public boolean isStopped(Connection c, String tenantId) throws SQLException {
    return Sql.one(c, "SELECT 1 FROM tenant_stops WHERE tenant_id = ?", r -> 1, tenantId)
        .isPresent();
  }

  /** Every tenant's policies and stops, as the decision reads them. */
  public FleetPolicies load(Connection c) throws SQLException {
    Set<String> stopped =
        Set.copyOf(Sql.list(c, "SELECT tenant_id FROM tenant_stops", r -> r.getString(1)));
    Map<String, Set<String>> granted = approvals.granted(c);
    // By product, then by tenant: the product's map is found once and stays hot in the cache.
    Map<String, Map<String, TenantPolicy>> byProduct = new HashMap<>();
    for (Object[] row :
        Sql.list(
            c,
            "SELECT tenant_id, product_id, policy FROM tenant_policies",
            r -> new Object[] {r.getString(1), r.getString(2), r.getString(3)})) {
      String tenant = (String) row[0];
      byProduct
          .computeIfAbsent((String) row[1], k -> new HashMap<>())
          .put(
              tenant,
              toDomain(read((String) row[2]), stopped.contains(tenant))
                  .withApproved(granted.getOrDefault(tenant, Set.of())));
    }
    TenantPolicy stoppedStaged = TenantPolicy.STAGED.stopped(true);
    return (tenantId, productId) -> {
      Map<String, TenantPolicy> tenants = byProduct.get(productId);
      TenantPolicy policy = tenants == null ? null : tenants.get(tenantId);
      if (policy != null) {
        return policy;
      }
      return stopped.contains(tenantId) ? stoppedStaged : TenantPolicy.STAGED;
    };
  }

  /** The decision's form of a stored policy. */
  public static TenantPolicy toDomain(PolicyRequest p, boolean stopped) {
    Map<String, GroupRule> groups = new HashMap<>();
    if (p.groups() != null) {
      p.groups()
          .forEach(
              (name, g) ->
                  groups.put(
                      name,
                      new GroupRule(g.earliestRing(), Boolean.TRUE.equals(g.requireApproval()))));
    }
    List<MaintenanceWindow> windows =
        p.maintenanceWindows() == null
            ? List.of()
            : p.maintenanceWindows().stream().map(PolicyStore::window).toList();
    return new TenantPolicy(
        p.channel(),
        p.pinnedVersion(),
        Boolean.TRUE.equals(p.requireApproval()),
        groups,
        windows,
        p.freezeUntil() == null ? null : p.freezeUntil().toInstant(),
        stopped,
        Set.of());
  }

  static MaintenanceWindow window(PolicyRequest.WindowRequest w) {
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    w.days().forEach(d -> days.add(DayOfWeek.values()[d.ordinal()]));
    return new MaintenanceWindow(
        days, LocalTime.parse(w.start()), LocalTime.parse(w.end()), ZoneId.of(w.zone()));
  }

  private String write(PolicyRequest policy) {
    try {
      return json.writeValueAsString(
          new PolicyRequest(
              policy.channel(),
              policy.pinnedVersion(),
              policy.requireApproval(),
              policy.groups(),
              policy.maintenanceWindows(),
              policy.freezeUntil(),
              null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private PolicyRequest read(String text) {
    try {
      return json.readValue(text, PolicyRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable policy", e);
    }
  }
}
