package dev.ringgate.security;

import dev.ringgate.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the authenticator reads from the store: the active keys and the accounts that exist. */
final class CredentialStore {
  private CredentialStore() {}

  /** Each active key's caller, by the key's hash. */
  static Map<String, Caller> activeKeys(Connection c) throws SQLException {
    List<Map.Entry<String, Caller>> rows =
        Sql.list(
            c,
            "SELECT id, key_hash, role, vendor_id, tenant_id FROM api_keys"
                + " WHERE revoked_at IS NULL",
            row ->
                Map.entry(
                    row.getString("key_hash"),
                    Caller.of(
                        Role.valueOf(row.getString("role")),
                        row.getString("vendor_id"),
                        row.getString("tenant_id"),
                        row.getString("id"))));
    Map<String, Caller> map = new HashMap<>(rows.size() * 2);
    rows.forEach(e -> map.put(e.getKey(), e.getValue()));
    return Map.copyOf(map);
  }

  static Set<String> vendorIds(Connection c) throws SQLException {
    return Set.copyOf(Sql.list(c, "SELECT id FROM vendors", r -> r.getString(1)));
  }

  static Set<String> tenantIds(Connection c) throws SQLException {
    return Set.copyOf(Sql.list(c, "SELECT id FROM tenants", r -> r.getString(1)));
  }
}
