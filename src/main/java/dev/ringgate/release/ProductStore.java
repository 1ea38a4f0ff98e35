package dev.ringgate.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.release.domain.PlanVersion;
import dev.ringgate.release.domain.Product;
import dev.ringgate.release.domain.ProductKind;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Products and their ring plans in the store. */
@ApplicationScoped
public class ProductStore {
  private final ObjectMapper json;

  ProductStore(ObjectMapper json) {
    this.json = json;
  }

  public Optional<Product> find(Connection c, String id) throws SQLException {
    return Sql.one(c, "SELECT * FROM products WHERE id = ?", ProductStore::map, id);
  }

  /** Every product. */
  public List<Product> all(Connection c) throws SQLException {
    return Sql.list(
        c,
        "SELECT id, vendor_id, name, kind, versioning, ring_plan_id, created_at FROM products",
        ProductStore::map);
  }

  /**
   * A page of products, newest first (by creation, then id), of one vendor or (null) of all, after
   * the product {@code before} (null: from the newest).
   */
  public List<Product> page(Connection c, String vendorId, Product before, int limit)
      throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT * FROM products WHERE 1 = 1");
    if (vendorId != null) {
      sql.append(" AND vendor_id = ?");
      params.add(vendorId);
    }
    if (before != null) {
      sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
      params.add(before.createdAt());
      params.add(before.createdAt());
      params.add(before.id());
    }
    params.add(limit);
    return Sql.list(
        c, sql + " ORDER BY created_at DESC, id DESC LIMIT ?", ProductStore::map, params.toArray());
  }

  /** Every ring plan, current or not, by id. */
  public Map<Long, RingPlan> plans(Connection c) throws SQLException {
    Map<Long, RingPlan> plans = new HashMap<>();
    for (Map.Entry<Long, String> plan :
        Sql.list(
            c, "SELECT id, plan FROM ring_plans", r -> Map.entry(r.getLong(1), r.getString(2)))) {
      plans.put(plan.getKey(), read(plan.getValue()));
    }
    return plans;
  }

  public void insert(Connection c, Product product) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO products (id, vendor_id, name, kind, versioning, ring_plan_id, created_at)"
            + " VALUES (?, ?, ?, ?, ?, NULL, ?)",
        product.id(),
        product.vendorId(),
        product.name(),
        product.kind(),
        product.versioning(),
        product.createdAt());
  }

  /** Stores {@code plan} as the product's current plan and returns its id. */
  public long replacePlan(Connection c, String productId, RingPlan plan, Instant now)
      throws SQLException {
    long id;
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO ring_plans (product_id, plan, created_at) VALUES (?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, productId);
      insert.setString(2, write(plan));
      insert.setObject(3, Sql.timestamp(now));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    Sql.update(c, "UPDATE products SET ring_plan_id = ? WHERE id = ?", id, productId);
    return id;
  }

  public PlanVersion plan(Connection c, long ringPlanId) throws SQLException {
    return Sql.one(
            c,
            "SELECT id, plan, created_at FROM ring_plans WHERE id = ?",
            row ->
                new PlanVersion(
                    row.getLong("id"), read(row.getString("plan")), Sql.instant(row, "created_at")),
            ringPlanId)
        .orElseThrow(() -> new IllegalStateException("ring plan " + ringPlanId + " is missing"));
  }

  private static Product map(ResultSet row) throws SQLException {
    return new Product(
        row.getString("id"),
        row.getString("vendor_id"),
        row.getString("name"),
        ProductKind.valueOf(row.getString("kind")),
        Versioning.valueOf(row.getString("versioning")),
        row.getLong("ring_plan_id"),
        Sql.instant(row, "created_at"));
  }

  private String write(RingPlan plan) {
    try {
      return json.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a stored plan. */
  public RingPlan read(String text) {
    try {
      return json.readValue(text, RingPlan.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable ring plan", e);
    }
  }
}
