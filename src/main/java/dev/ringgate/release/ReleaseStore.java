package dev.ringgate.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.release.domain.Artifact;
import dev.ringgate.release.domain.Release;
import dev.ringgate.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Releases in the store. */
@ApplicationScoped
public class ReleaseStore {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private final ObjectMapper json;

  ReleaseStore(ObjectMapper json) {
    this.json = json;
  }

  public Optional<Release> find(Connection c, String id) throws SQLException {
    return Sql.one(c, "SELECT * FROM releases WHERE id = ?", this::map, id);
  }

  /** The release of {@code productId} whose version has the same precedence as {@code key}. */
  public Optional<Release> findByVersionKey(Connection c, String productId, String key)
      throws SQLException {
    return Sql.one(
        c,
        "SELECT * FROM releases WHERE product_id = ? AND version_key = ?",
        this::map,
        productId,
        key);
  }

  /** Every release, for building the check-in snapshot. */
  public List<Release> all(Connection c) throws SQLException {
    return Sql.list(c, "SELECT * FROM releases", this::map);
  }

  /** A product's releases, newest first, paged by id. */
  public List<Release> list(Connection c, String productId, String before, int limit)
      throws SQLException {
    List<Object> params = new ArrayList<>(List.of(productId));
    String sql = "SELECT * FROM releases WHERE product_id = ?";
    if (before != null) {
      sql += " AND id < ?";
      params.add(before);
    }
    params.add(limit);
    return Sql.list(c, sql + " ORDER BY id DESC LIMIT ?", this::map, params.toArray());
  }

  public void insert(Connection c, Release r, String versionKey) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO releases (id, product_id, version, version_key, platforms,"
            + " requires_agent_version, artifact_url, artifact_sha256, artifact_size,"
            + " signature_key_id, signature_value, notes, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.id(),
        r.productId(),
        r.version(),
        versionKey,
        write(r.platforms()),
        r.requiresAgentVersion(),
        r.artifact().url(),
        r.artifact().sha256(),
        r.artifact().sizeBytes(),
        r.signatureKeyId(),
        r.signatureValue(),
        r.notes(),
        r.createdAt());
  }

  /** Marks the release revoked; false if it already was. */
  public boolean revoke(Connection c, String id, String reason, Instant at) throws SQLException {
    return Sql.update(
            c,
            "UPDATE releases SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS"
                + " NULL",
            at,
            reason,
            id)
        == 1;
  }

  private Release map(ResultSet row) throws SQLException {
    return new Release(
        row.getString("id"),
        row.getString("product_id"),
        row.getString("version"),
        read(row.getString("platforms")),
        row.getString("requires_agent_version"),
        new Artifact(
            row.getString("artifact_url"),
            row.getString("artifact_sha256"),
            row.getLong("artifact_size")),
        row.getString("signature_key_id"),
        row.getString("signature_value"),
        row.getString("notes"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "revoked_at"),
        row.getString("revoke_reason"));
  }

  private String write(List<String> values) {
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> read(String text) {
    try {
      return json.readValue(text, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable platforms", e);
    }
  }
}
