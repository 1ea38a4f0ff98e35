package dev.ringgate.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.ringgate.policy.domain.FleetPolicies;
import dev.ringgate.policy.domain.PolicySettings;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.store.Sql;
import dev.ringgate.store.Upsert;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Tenant policies and stops in the store, and their form in the check-in snapshot. */
@ApplicationScoped
public class PolicyStore {
  private static final Upsert PUT =
      Upsert.into("tenant_policies", "tenant_id", "product_id", "policy", "updated_at")
          .on("tenant_id", "product_id");

  private final ObjectMapper json;
  // absent fields are left out, as they always were in the stored documents
  private final ObjectWriter writer;
  private final ApprovalStore approvals;

  PolicyStore(ObjectMapper json, ApprovalStore approvals) {
    this.json = json;
    this.writer =
        json.copy()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .writerFor(PolicySettings.class);
    this.approvals = approvals;
  }

  public Optional<PolicySettings> find(Connection c, String tenantId, String productId)
      throws SQLException {
    return Sql.one(
        c,
        "SELECT policy FROM tenant_policies WHERE tenant_id = ? AND product_id = ?",
        r -> read(r.getString(1)),
        tenantId,
        productId);
  }

  public void put(
      Connection c, String tenantId, String productId, PolicySettings policy, Instant now)
      throws SQLException {
    Sql.upsert(c, PUT, tenantId, productId, write(policy), now);
  }

  /** Whether the tenant is stopped. */
  public boolean isStopped(Connection c, String tenantId) throws SQLException {
    return Sql.one(c, "SELECT 1 FROM tenant_stops WHERE tenant_id = ?", r -> 1, tenantId)
        .isPresent();
  }

  /** Stops the tenant's fleet. */
  public void stop(Connection c, String tenantId, String reason, Instant at, String by)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO tenant_stops (tenant_id, reason, stopped_at, stopped_by) VALUES (?, ?, ?, ?)",
        tenantId,
        reason,
        at,
        by);
  }

  /** Lifts the tenant's stop. */
  public void resume(Connection c, String tenantId) throws SQLException {
    Sql.update(c, "DELETE FROM tenant_stops WHERE tenant_id = ?", tenantId);
  }

  /** Every tenant's policies and stops, as the decision reads them. */
  public FleetPolicies load(Connection c) throws SQLException {
    Set<String> stopped =
        Set.copyOf(Sql.list(c, "SELECT tenant_id FROM tenant_stops", r -> r.getString(1)));
    Map<String, Set<String>> granted = approvals.granted(c);
    Map<String, Set<String>> rejected = approvals.rejected(c);
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
              read((String) row[2])
                  .decision(stopped.contains(tenant))
                  .withApproved(granted.getOrDefault(tenant, Set.of()))
                  .withRejected(rejected.getOrDefault(tenant, Set.of())));
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

  private String write(PolicySettings policy) {
    try {
      return writer.writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private PolicySettings read(String text) {
    try {
      return json.readValue(text, PolicySettings.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable policy", e);
    }
  }
}
