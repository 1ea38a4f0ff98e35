package dev.ringgate.it;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * One IT's schema in the PostgreSQL database of the integration tests ({@code ringgate.it.pg-url}),
 * dropped when taken so that each run starts empty.
 */
final class ItSchema {
  final String url;
  final String name;

  private ItSchema(String url, String name) {
    this.url = url;
    this.name = name;
  }

  static ItSchema fresh(String name) throws Exception {
    ItSchema schema =
        new ItSchema(
            System.getProperty("ringgate.it.pg-url", "jdbc:postgresql://127.0.0.1:5432/test"),
            name);
    try (Connection c = schema.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
    return schema;
  }

  Connection connect() throws Exception {
    return DriverManager.getConnection(
        url, System.getProperty("ringgate.it.pg-user", "postgres"), "");
  }

  /** A proxy to the database server, for a test to cut. */
  TcpProxy proxy() throws Exception {
    URI pg = URI.create(url.substring("jdbc:".length()));
    return new TcpProxy(pg.getHost(), pg.getPort());
  }

  /** The JDBC URL of the database through {@code proxy}. */
  String urlVia(TcpProxy proxy) {
    return "jdbc:postgresql://127.0.0.1:"
        + proxy.port()
        + URI.create(url.substring("jdbc:".length())).getPath();
  }

  /** The count {@code sql} returns, with {s} for the schema and one parameter. */
  long count(String sql, String parameter) throws Exception {
    try (Connection c = connect();
        PreparedStatement q = c.prepareStatement(sql.replace("{s}", name))) {
      q.setString(1, parameter);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
