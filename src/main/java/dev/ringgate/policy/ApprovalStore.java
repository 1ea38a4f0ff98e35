package dev.ringgate.policy;

import dev.ringgate.policy.domain.Approval;
import dev.ringgate.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Approvals in the store. */
@ApplicationScoped
public class ApprovalStore {
  private static final String SELECT =
      "SELECT a.*, r.version FROM approvals a JOIN releases r ON r.id = a.release_id";

  public Optional<Approval> find(Connection c, String id) throws SQLException {
    return Sql.one(c, SELECT + " WHERE a.id = ?", ApprovalStore::map, id);
  }

  public Optional<Approval> lock(Connection c, String id) throws SQLException {
    Sql.one(c, "SELECT id FROM approvals WHERE id = ? FOR UPDATE", r -> 1, id);
    return find(c, id);
  }

  public boolean exists(Connection c, String tenantId, String releaseId, String group)
      throws SQLException {
    return Sql.one(
            c,
            "SELECT 1 FROM approvals WHERE tenant_id = ? AND release_id = ? AND group_name = ?",
            r -> 1,
            tenantId,
            releaseId,
            group)
        .isPresent();
  }

  public void insert(
      Connection c,
      String id,
      String tenantId,
      String productId,
      String releaseId,
      String rolloutId,
      String group,
      Instant now)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO approvals (id, tenant_id, product_id, release_id, rollout_id, group_name,"
            + " state, created_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)",
        id,
        tenantId,
        productId,
        releaseId,
        rolloutId,
        group,
        now);
  }

  public void decide(Connection c, String id, String state, Instant at, String by, String reason)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE approvals SET state = ?, decided_at = ?, decided_by = ?, reason = ? WHERE id = ?",
        state,
        at,
        by,
        reason,
        id);
  }

  /** Pending approvals of a rollout expire (it halted or was superseded); returns how many. */
  public int expire(Connection c, String rolloutId, Instant at) throws SQLException {
    return Sql.update(
        c,
        "UPDATE approvals SET state = 'EXPIRED', decided_at = ? WHERE rollout_id = ? AND state ="
            + " 'PENDING'",
        at,
        rolloutId);
  }

  /** Expired approvals of a resumed rollout are pending again. */
  public int reopen(Connection c, String rolloutId) throws SQLException {
    return Sql.update(
        c,
        "UPDATE approvals SET state = 'PENDING', decided_at = NULL WHERE rollout_id = ? AND state"
            + " = 'EXPIRED'",
        rolloutId);
  }

  public List<Approval> list(Connection c, String tenantId, String state, String before, int limit)
      throws SQLException {
    List<Object> params = new ArrayList<>(List.of(tenantId));
    String sql = SELECT + " WHERE a.tenant_id = ?";
    if (state != null) {
      sql += " AND a.state = ?";
      params.add(state);
    }
    if (before != null) {
      sql += " AND a.id < ?";
      params.add(before);
    }
    params.add(limit);
    return Sql.list(c, sql + " ORDER BY a.id DESC LIMIT ?", ApprovalStore::map, params.toArray());
  }

  /** Granted approvals by tenant, as the decision's keys ({@code releaseId[/group]}). */
  /** How many approvals of the tenant's for the product wait for a decision. */
  public long countPending(Connection c, String tenantId, String productId) throws SQLException {
    return Sql.one(
            c,
            "SELECT COUNT(*) FROM approvals WHERE tenant_id = ? AND product_id = ? AND"
                + " state = 'PENDING'",
            r -> r.getLong(1),
            tenantId,
            productId)
        .orElse(0L);
  }

  public Map<String, Set<String>> granted(Connection c) throws SQLException {
    return keys(c, "APPROVED");
  }

  /** Refused approvals by tenant, as the decision's keys ({@code releaseId[/group]}). */
  public Map<String, Set<String>> rejected(Connection c) throws SQLException {
    return keys(c, "REJECTED");
  }

  private static Map<String, Set<String>> keys(Connection c, String state) throws SQLException {
    Map<String, Set<String>> byTenant = new HashMap<>();
    for (String[] row :
        Sql.list(
            c,
            "SELECT tenant_id, release_id, group_name FROM approvals WHERE state = ?",
            r -> new String[] {r.getString(1), r.getString(2), r.getString(3)},
            state)) {
      String key = row[2].isEmpty() ? row[1] : row[1] + "/" + row[2];
      byTenant.computeIfAbsent(row[0], k -> new HashSet<>()).add(key);
    }
    return byTenant;
  }

  private static Approval map(ResultSet r) throws SQLException {
    String group = r.getString("group_name");
    return new Approval(
        r.getString("id"),
        r.getString("tenant_id"),
        r.getString("product_id"),
        r.getString("version"),
        r.getString("release_id"),
        r.getString("rollout_id"),
        group.isEmpty() ? null : group,
        r.getString("state"),
        Sql.instant(r, "created_at"),
        Sql.instant(r, "decided_at"),
        r.getString("decided_by"),
        r.getString("reason"));
  }
}
