package dev.ringgate.account;

import dev.ringgate.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Vendors and tenants in the store: one table per kind, the same columns. */
final class AccountStore {
  private AccountStore() {}

  static Optional<Account> find(Connection c, AccountKind kind, String id) throws SQLException {
    return Sql.one(
        c,
        "SELECT id, name, created_at FROM " + kind.table() + " WHERE id = ?",
        AccountStore::map,
        id);
  }

  static void insert(Connection c, AccountKind kind, Account account) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO " + kind.table() + " (id, name, created_at) VALUES (?, ?, ?)",
        account.id(),
        account.name(),
        account.createdAt());
  }

  /** Accounts newest first, after the one with id {@code before} when given. */
  static List<Account> list(Connection c, AccountKind kind, String before, int limit)
      throws SQLException {
    String table = kind.table();
    String columns = "SELECT id, name, created_at FROM " + table;
    String order = " ORDER BY created_at DESC, id DESC LIMIT ?";
    return before == null
        ? Sql.list(c, columns + order, AccountStore::map, limit)
        : Sql.list(
            c,
            columns
                + " WHERE (created_at, id) < (SELECT created_at, id FROM "
                + table
                + " WHERE id = ?)"
                + order,
            AccountStore::map,
            before,
            limit);
  }

  private static Account map(ResultSet row) throws SQLException {
    return new Account(row.getString("id"), row.getString("name"), Sql.instant(row, "created_at"));
  }
}
