package dev.ringgate.rollout;

import dev.ringgate.kernel.Actor;
import dev.ringgate.rollout.domain.Rollout;
import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.rollout.domain.Transition;
import dev.ringgate.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rollouts and their history in the store. */
@ApplicationScoped
public class RolloutStore {

  public void insert(Connection c, Rollout rollout) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO rollouts (id, release_id, product_id, ring_plan_id, state, ring_index,"
            + " ring_started_at, stopped_at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rollout.id(),
        rollout.releaseId(),
        rollout.productId(),
        rollout.ringPlanId(),
        rollout.state(),
        rollout.ringIndex(),
        rollout.ringStartedAt(),
        rollout.stoppedAt(),
        rollout.createdAt(),
        rollout.updatedAt());
  }

  /** Writes the rollout's new state; the row must have been locked with {@link #lock}. */
  public void update(Connection c, Rollout rollout) throws SQLException {
    Sql.update(
        c,
        "UPDATE rollouts SET state = ?, ring_index = ?, ring_started_at = ?, stopped_at = ?,"
            + " updated_at = ?, ring_plan_id = ? WHERE id = ?",
        rollout.state(),
        rollout.ringIndex(),
        rollout.ringStartedAt(),
        rollout.stoppedAt(),
        rollout.updatedAt(),
        rollout.ringPlanId(),
        rollout.id());
  }

  /** Reads and locks the rollout for the rest of the transaction. */
  public Optional<Rollout> lock(Connection c, String id) throws SQLException {
    return Sql.one(c, "SELECT * FROM rollouts WHERE id = ? FOR UPDATE", RolloutStore::map, id);
  }

  /** Locks the product's row: rollouts of one product start one at a time. */
  public void lockProduct(Connection c, String productId) throws SQLException {
    Sql.one(c, "SELECT id FROM products WHERE id = ? FOR UPDATE", r -> 1, productId);
  }

  /** The product's rollouts in the given states, locked. */
  public List<Rollout> lockActive(Connection c, String productId) throws SQLException {
    return Sql.list(
        c,
        "SELECT * FROM rollouts WHERE product_id = ? AND state IN ('IN_PROGRESS', 'PAUSED',"
            + " 'HALTED') ORDER BY id FOR UPDATE",
        RolloutStore::map,
        productId);
  }

  /** Ids of every rollout in progress or paused: those whose gates are watched. */
  public List<String> inProgress(Connection c) throws SQLException {
    return Sql.list(
        c,
        "SELECT id FROM rollouts WHERE state IN ('IN_PROGRESS', 'PAUSED') ORDER BY id",
        r -> r.getString(1));
  }

  /** How many rollouts each product has in each state, for the metrics. */
  public List<StateCount> countByState(Connection c) throws SQLException {
    return Sql.list(
        c,
        "SELECT product_id, state, COUNT(*) FROM rollouts GROUP BY product_id, state",
        r -> new StateCount(r.getString(1), RolloutState.valueOf(r.getString(2)), r.getLong(3)));
  }

  /** The number of a product's rollouts in one state. */
  public record StateCount(String productId, RolloutState state, long count) {}

  /** Every rollout, for building the snapshot. */
  public List<Rollout> all(Connection c) throws SQLException {
    return Sql.list(c, "SELECT * FROM rollouts", RolloutStore::map);
  }

  public void startRing(Connection c, String rolloutId, int ringIndex, Instant at)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO rollout_rings (rollout_id, ring_index, started_at) VALUES (?, ?, ?)",
        rolloutId,
        ringIndex,
        at);
  }

  public void endRing(Connection c, String rolloutId, int ringIndex, Instant at)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE rollout_rings SET ended_at = ? WHERE rollout_id = ? AND ring_index = ?"
            + " AND ended_at IS NULL",
        at,
        rolloutId,
        ringIndex);
  }

  /** Each started ring's start and end (null while it runs), by ring index. */
  public java.util.Map<Integer, Instant[]> rings(Connection c, String rolloutId)
      throws SQLException {
    java.util.Map<Integer, Instant[]> rings = new java.util.HashMap<>();
    for (Object[] row :
        Sql.list(
            c,
            "SELECT ring_index, started_at, ended_at FROM rollout_rings WHERE rollout_id = ?",
            r ->
                new Object[] {
                  r.getInt("ring_index"), Sql.instant(r, "started_at"), Sql.instant(r, "ended_at")
                },
            rolloutId)) {
      rings.put((Integer) row[0], new Instant[] {(Instant) row[1], (Instant) row[2]});
    }
    return rings;
  }

  public void appendHistory(Connection c, String rolloutId, Transition t) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO rollout_history (rollout_id, at, from_state, to_state, ring_index,"
            + " actor_type, actor_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rolloutId,
        t.at(),
        t.from(),
        t.to(),
        t.ringIndex(),
        t.actor().type(),
        t.actor().id(),
        t.reason());
  }

  public Optional<Rollout> find(Connection c, String id) throws SQLException {
    return Sql.one(c, "SELECT * FROM rollouts WHERE id = ?", RolloutStore::map, id);
  }

  public Optional<Rollout> findByRelease(Connection c, String releaseId) throws SQLException {
    return Sql.one(c, "SELECT * FROM rollouts WHERE release_id = ?", RolloutStore::map, releaseId);
  }

  /** A product's rollouts, newest first, optionally of one state, paged by id. */
  public List<Rollout> list(
      Connection c, String productId, RolloutState state, String before, int limit)
      throws SQLException {
    List<Object> params = new ArrayList<>(List.of(productId));
    StringBuilder sql = new StringBuilder("SELECT * FROM rollouts WHERE product_id = ?");
    if (state != null) {
      sql.append(" AND state = ?");
      params.add(state);
    }
    if (before != null) {
      sql.append(" AND id < ?");
      params.add(before);
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    params.add(limit);
    return Sql.list(c, sql.toString(), RolloutStore::map, params.toArray());
  }

  public List<Transition> history(Connection c, String rolloutId) throws SQLException {
    return Sql.list(
        c,
        "SELECT * FROM rollout_history WHERE rollout_id = ? ORDER BY id",
        row ->
            new Transition(
                Sql.instant(row, "at"),
                state(row.getString("from_state")),
                state(row.getString("to_state")),
                row.getInt("ring_index"),
                new Actor(
                    Actor.Type.valueOf(row.getString("actor_type")), row.getString("actor_id")),
                row.getString("reason")),
        rolloutId);
  }

  /** When the rollout's evidence window started (epoch millis), or 0: from the start. */
  public long evidenceSince(Connection c, String rolloutId) throws SQLException {
    return Sql.one(
            c,
            "SELECT evidence_since_ms FROM rollouts WHERE id = ?",
            r -> {
              long since = r.getLong(1);
              return r.wasNull() ? 0L : since;
            },
            rolloutId)
        .orElse(0L);
  }

  public void startEvidenceWindow(Connection c, String rolloutId, Instant at) throws SQLException {
    Sql.update(
        c, "UPDATE rollouts SET evidence_since_ms = ? WHERE id = ?", at.toEpochMilli(), rolloutId);
  }

  /** A rollout halted for one tenant. */
  public record TenantHalt(String tenantId, int ringIndex, Instant haltedAt, String reason) {}

  /** The tenants the rollout is halted for, oldest first. */
  public List<TenantHalt> tenantHalts(Connection c, String rolloutId) throws SQLException {
    return Sql.list(
        c,
        "SELECT tenant_id, ring_index, halted_at, reason FROM rollout_tenant_halts WHERE"
            + " rollout_id = ? AND lifted_at IS NULL ORDER BY id",
        r -> new TenantHalt(r.getString(1), r.getInt(2), Sql.instant(r, 3), r.getString(4)),
        rolloutId);
  }

  /** Every tenant halt of every rollout, by rollout id, for building the snapshot. */
  public java.util.Map<String, java.util.Set<String>> allTenantHalts(Connection c)
      throws SQLException {
    java.util.Map<String, java.util.Set<String>> halts = new java.util.HashMap<>();
    for (String[] row :
        Sql.list(
            c,
            "SELECT rollout_id, tenant_id FROM rollout_tenant_halts WHERE lifted_at IS NULL",
            r -> new String[] {r.getString(1), r.getString(2)})) {
      halts.computeIfAbsent(row[0], k -> new java.util.HashSet<>()).add(row[1]);
    }
    return halts;
  }

  public void haltForTenant(Connection c, String rolloutId, TenantHalt halt) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO rollout_tenant_halts (rollout_id, tenant_id, ring_index, halted_at, reason)"
            + " VALUES (?, ?, ?, ?, ?)",
        rolloutId,
        halt.tenantId(),
        halt.ringIndex(),
        halt.haltedAt(),
        halt.reason().length() > 4000 ? halt.reason().substring(0, 4000) : halt.reason());
  }

  /** Lifts every tenant halt of the rollout; returns the tenants lifted. */
  public List<String> liftTenantHalts(Connection c, String rolloutId, Instant at)
      throws SQLException {
    List<String> lifted = tenantHalts(c, rolloutId).stream().map(TenantHalt::tenantId).toList();
    Sql.update(
        c,
        "UPDATE rollout_tenant_halts SET lifted_at = ? WHERE rollout_id = ? AND lifted_at IS NULL",
        at,
        rolloutId);
    return lifted;
  }

  /** Every tenant the rollout was ever halted for or whose evidence was excluded. */
  public java.util.Set<String> tenantsNamed(Connection c, String rolloutId) throws SQLException {
    java.util.Set<String> named = excludedTenants(c, rolloutId);
    named.addAll(
        Sql.list(
            c,
            "SELECT tenant_id FROM rollout_tenant_halts WHERE rollout_id = ?",
            r -> r.getString(1),
            rolloutId));
    return named;
  }

  /** The tenants whose evidence the vendor excluded from the rollout's gate. */
  public java.util.Set<String> excludedTenants(Connection c, String rolloutId) throws SQLException {
    return new java.util.HashSet<>(
        Sql.list(
            c,
            "SELECT tenant_id FROM rollout_evidence_exclusions WHERE rollout_id = ?",
            r -> r.getString(1),
            rolloutId));
  }

  public void excludeTenant(Connection c, String rolloutId, String tenantId, Instant at)
      throws SQLException {
    Sql.update(
        c,
        "DELETE FROM rollout_evidence_exclusions WHERE rollout_id = ? AND tenant_id = ?",
        rolloutId,
        tenantId);
    Sql.update(
        c,
        "INSERT INTO rollout_evidence_exclusions (rollout_id, tenant_id, excluded_at)"
            + " VALUES (?, ?, ?)",
        rolloutId,
        tenantId,
        at);
  }

  /** Those of {@code tenantIds} that are tenants. */
  public java.util.Set<String> existingTenants(Connection c, java.util.Collection<String> tenantIds)
      throws SQLException {
    java.util.Set<String> found = new java.util.HashSet<>();
    for (String id : tenantIds) {
      Sql.one(c, "SELECT id FROM tenants WHERE id = ?", r -> r.getString(1), id)
          .ifPresent(found::add);
    }
    return found;
  }

  private static RolloutState state(String name) {
    return name == null ? null : RolloutState.valueOf(name);
  }

  private static Rollout map(ResultSet row) throws SQLException {
    return new Rollout(
        row.getString("id"),
        row.getString("release_id"),
        row.getString("product_id"),
        row.getLong("ring_plan_id"),
        RolloutState.valueOf(row.getString("state")),
        row.getInt("ring_index"),
        Sql.instant(row, "ring_started_at"),
        Sql.instant(row, "stopped_at"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "updated_at"));
  }
}
