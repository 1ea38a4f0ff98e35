package dev.ringgate.release;

import dev.ringgate.release.domain.SigningAlgorithm;
import dev.ringgate.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Vendors' public signing keys in the store ({@code signing_keys}). */
final class SigningKeyStore {
  private SigningKeyStore() {}

  /** A stored public key (base64) and when it was registered and last replaced. */
  record SigningKey(
      String vendorId,
      String keyId,
      SigningAlgorithm algorithm,
      String publicKey,
      Instant createdAt,
      Instant updatedAt) {}

  static Optional<SigningKey> find(Connection c, String vendorId, String keyId)
      throws SQLException {
    return Sql.one(
        c,
        "SELECT * FROM signing_keys WHERE vendor_id = ? AND key_id = ?",
        SigningKeyStore::map,
        vendorId,
        keyId);
  }

  static List<SigningKey> list(Connection c, String vendorId) throws SQLException {
    return Sql.list(
        c,
        "SELECT * FROM signing_keys WHERE vendor_id = ? ORDER BY key_id",
        SigningKeyStore::map,
        vendorId);
  }

  static void insert(
      Connection c,
      String vendorId,
      String keyId,
      SigningAlgorithm algorithm,
      String publicKey,
      Instant now)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO signing_keys (vendor_id, key_id, algorithm, public_key, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        vendorId,
        keyId,
        algorithm,
        publicKey,
        now,
        now);
  }

  static void replace(
      Connection c,
      String vendorId,
      String keyId,
      SigningAlgorithm algorithm,
      String publicKey,
      Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE signing_keys SET algorithm = ?, public_key = ?, updated_at = ?"
            + " WHERE vendor_id = ? AND key_id = ?",
        algorithm,
        publicKey,
        now,
        vendorId,
        keyId);
  }

  private static SigningKey map(ResultSet row) throws SQLException {
    return new SigningKey(
        row.getString("vendor_id"),
        row.getString("key_id"),
        SigningAlgorithm.valueOf(row.getString("algorithm")),
        row.getString("public_key"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "updated_at"));
  }
}
