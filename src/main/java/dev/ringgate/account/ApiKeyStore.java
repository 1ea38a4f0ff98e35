package dev.ringgate.account;

import dev.ringgate.security.Role;
import dev.ringgate.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys in the store ({@code api_keys}): the hash of each secret, its role and scope. */
final class ApiKeyStore {
  private ApiKeyStore() {}

  static void insert(Connection c, ApiKey key, String hash, String createdBy) throws SQLException {
    insert(c, key, hash, null, createdBy);
  }

  /** Inserts a key with its relay verifier ({@code RelayVerifier}; null for none). */
  static void insert(Connection c, ApiKey key, String hash, String relayVerifier, String createdBy)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO api_keys (id, key_hash, relay_verifier, role, vendor_id, tenant_id, label,"
            + " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        key.id(),
        hash,
        relayVerifier,
        key.role(),
        key.vendorId(),
        key.tenantId(),
        key.label(),
        key.createdAt(),
        createdBy);
  }

  /** Every key, newest first. */
  static List<ApiKey> all(Connection c) throws SQLException {
    return Sql.list(
        c, "SELECT * FROM api_keys ORDER BY created_at DESC, id DESC", ApiKeyStore::map);
  }

  /** The key, locked for {@code c}'s transaction. */
  static Optional<ApiKey> lock(Connection c, String id) throws SQLException {
    return Sql.one(c, "SELECT * FROM api_keys WHERE id = ? FOR UPDATE", ApiKeyStore::map, id);
  }

  static void revoke(Connection c, String id, Instant at) throws SQLException {
    Sql.update(c, "UPDATE api_keys SET revoked_at = ? WHERE id = ?", at, id);
  }

  static long activeOperatorKeys(Connection c) throws SQLException {
    return Sql.one(
            c,
            "SELECT COUNT(*) FROM api_keys WHERE role = 'OPERATOR' AND revoked_at IS NULL",
            row -> row.getLong(1))
        .orElse(0L);
  }

  static boolean exists(Connection c, String id) throws SQLException {
    return Sql.one(c, "SELECT 1 FROM api_keys WHERE id = ?", row -> 1, id).isPresent();
  }

  /** Whether the key exists, is active and has {@code hash}. */
  static boolean isActiveWithHash(Connection c, String id, String hash) throws SQLException {
    return Sql.one(
            c,
            "SELECT 1 FROM api_keys WHERE id = ? AND key_hash = ? AND revoked_at IS NULL",
            r -> 1,
            id,
            hash)
        .isPresent();
  }

  /** The key's hash, locked for {@code c}'s transaction. */
  static Optional<String> lockHash(Connection c, String id) throws SQLException {
    return Sql.one(
        c, "SELECT key_hash FROM api_keys WHERE id = ? FOR UPDATE", row -> row.getString(1), id);
  }

  /** Gives the key a new secret (by its hash) and makes it active again. */
  static void replaceHash(Connection c, String id, String hash) throws SQLException {
    Sql.update(c, "UPDATE api_keys SET key_hash = ?, revoked_at = NULL WHERE id = ?", hash, id);
  }

  /** A value of the {@code settings} table (the key pepper). */
  static Optional<String> setting(Connection c, String name) throws SQLException {
    return Sql.one(
        c, "SELECT setting_value FROM settings WHERE name = ?", row -> row.getString(1), name);
  }

  static void insertSetting(Connection c, String name, String value) throws SQLException {
    Sql.update(c, "INSERT INTO settings (name, setting_value) VALUES (?, ?)", name, value);
  }

  private static ApiKey map(ResultSet row) throws SQLException {
    return new ApiKey(
        row.getString("id"),
        Role.valueOf(row.getString("role")),
        row.getString("vendor_id"),
        row.getString("tenant_id"),
        row.getString("label"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "revoked_at"));
  }
}
