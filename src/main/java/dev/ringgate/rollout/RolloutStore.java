package dev.ringgate.rollout;

import dev.ringgate.rollout.domain.Rollout;
import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.rollout.domain.Transition;
import dev.ringgate.security.Actor;
import dev.ringgate.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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
            + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rollout.id(),
        rollout.releaseId(),
        rollout.productId(),
        rollout.ringPlanId(),
        rollout.state(),
        rollout.ringIndex(),
        rollout.createdAt(),
        rollout.updatedAt());
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
        Sql.instant(row, "created_at"),
        Sql.instant(row, "updated_at"));
  }
}
