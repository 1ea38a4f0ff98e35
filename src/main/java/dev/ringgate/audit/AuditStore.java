package dev.ringgate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.kernel.Actor;
import dev.ringgate.kernel.Target;
import dev.ringgate.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The audit log's rows ({@code audit_log}) and the chain head ({@code audit_head}). */
@ApplicationScoped
public class AuditStore {
  private final ObjectMapper json;

  AuditStore(ObjectMapper json) {
    this.json = json;
  }

  /** The chain head: the last record's sequence number and hash. */
  record Head(long seq, String hash) {}

  /** The chain head; {@code lock} locks it for {@code c}'s transaction (appends do). */
  Head head(Connection c, boolean lock) throws SQLException {
    return Sql.one(
            c,
            "SELECT seq, hash FROM audit_head WHERE id = 1" + (lock ? " FOR UPDATE" : ""),
            row -> new Head(row.getLong("seq"), row.getString("hash")))
        .orElseThrow(() -> new IllegalStateException("audit_head is missing"));
  }

  /** Inserts {@code record} and makes it the chain head. */
  void append(Connection c, AuditRecord record) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO audit_log (seq, at, actor_type, actor_id, action, target_type, target_id,"
            + " reason, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        record.seq(),
        record.at(),
        record.actor().type(),
        record.actor().id(),
        record.action(),
        record.target().type(),
        record.target().id(),
        record.reason(),
        write(record.details()),
        record.prevHash(),
        record.hash());
    Sql.update(
        c, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", record.seq(), record.hash());
  }

  /** Records with {@code since <= at < until}, oldest first. */
  List<AuditRecord> read(Connection c, Instant since, Instant until, int limit)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY seq LIMIT ?",
        this::map,
        since,
        until,
        limit);
  }

  /** Records with {@code seq > afterSeq}, oldest first. */
  List<AuditRecord> readAfter(Connection c, long afterSeq, int limit) throws SQLException {
    return Sql.list(
        c,
        "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
        this::map,
        afterSeq,
        limit);
  }

  private AuditRecord map(ResultSet row) throws SQLException {
    return new AuditRecord(
        row.getLong("seq"),
        Sql.instant(row, "at"),
        new Actor(Actor.Type.valueOf(row.getString("actor_type")), row.getString("actor_id")),
        row.getString("action"),
        new Target(row.getString("target_type"), row.getString("target_id")),
        row.getString("reason"),
        read(row.getString("details")),
        row.getString("prev_hash"),
        row.getString("hash"));
  }

  private String write(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode read(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable audit details", e);
    }
  }
}
