package dev.ringgate.relay;

import dev.ringgate.security.Role;
import dev.ringgate.store.Sql;
import dev.ringgate.store.Upsert;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the upstream keeps for relays: its signing key, key verifiers, spool positions. */
final class RelayStore {
  private static final Upsert POSITION =
      Upsert.into("relay_positions", "relay_key_id", "spool_id", "applied_seq", "updated_at")
          .on("relay_key_id", "spool_id");

  private RelayStore() {}

  static Optional<String> setting(Connection c, String name) throws SQLException {
    return Sql.one(
        c, "SELECT setting_value FROM settings WHERE name = ?", row -> row.getString(1), name);
  }

  static void insertSetting(Connection c, String name, String value) throws SQLException {
    Sql.update(c, "INSERT INTO settings (name, setting_value) VALUES (?, ?)", name, value);
  }

  /** The tenant's active DEVICE and FLEET_ADMIN keys that have a relay verifier, by id. */
  static List<SyncDocument.Key> tenantKeys(Connection c, String tenantId) throws SQLException {
    return Sql.list(
        c,
        "SELECT id, role, relay_verifier FROM api_keys WHERE tenant_id = ? AND revoked_at IS NULL"
            + " AND relay_verifier IS NOT NULL AND role IN ('DEVICE', 'FLEET_ADMIN') ORDER BY id",
        row ->
            new SyncDocument.Key(
                row.getString(1), Role.valueOf(row.getString(2)), row.getString(3)),
        tenantId);
  }

  /** The last spool sequence number applied for this relay key and spool; 0 for none. */
  static long appliedSeq(Connection c, String relayKeyId, String spoolId) throws SQLException {
    return Sql.one(
            c,
            "SELECT applied_seq FROM relay_positions WHERE relay_key_id = ? AND spool_id = ?",
            row -> row.getLong(1),
            relayKeyId,
            spoolId)
        .orElse(0L);
  }

  static void advance(Connection c, String relayKeyId, String spoolId, long seq, Instant now)
      throws SQLException {
    Sql.upsert(c, POSITION, relayKeyId, spoolId, seq, Sql.timestamp(now));
  }
}
