package dev.ringgate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.kernel.Actor;
import dev.ringgate.kernel.Target;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The append-only, hash-chained audit log. Appends take the chain head's row lock, so records are
 * numbered without gaps in commit order, inside the transaction of the change they describe.
 */
@ApplicationScoped
public class AuditLog {
  private final ObjectMapper json;
  private final AuditChain chain;
  private final TimeSource time;

  AuditLog(ObjectMapper json, TimeSource time) {
    this.json = json;
    this.chain = new AuditChain(json);
    this.time = time;
  }

  /** Appends a record in {@code c}'s transaction and returns it. */
  public AuditRecord append(
      Connection c, Actor actor, String action, Target target, String reason, Object details)
      throws SQLException {
    Head head =
        Sql.one(
                c,
                "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
                row -> new Head(row.getLong("seq"), row.getString("hash")))
            .orElseThrow(() -> new IllegalStateException("audit_head is missing"));
    JsonNode detailNode = json.valueToTree(details);
    AuditRecord draft =
        new AuditRecord(
            head.seq() + 1,
            time.now(),
            actor,
            action,
            target,
            reason,
            detailNode,
            head.hash(),
            null);
    AuditRecord record = draft.withHash(chain.hash(draft));
    Sql.update(
        c,
        "INSERT INTO audit_log (seq, at, actor_type, actor_id, action, target_type, target_id,"
            + " reason, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        record.seq(),
        record.at(),
        actor.type(),
        actor.id(),
        action,
        target.type(),
        target.id(),
        reason,
        write(detailNode),
        record.prevHash(),
        record.hash());
    Sql.update(
        c, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", record.seq(), record.hash());
    return record;
  }

  /** Records with {@code since <= at < until}, oldest first. */
  public List<AuditRecord> read(Connection c, Instant since, Instant until, int limit)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY seq LIMIT ?",
        this::map,
        since,
        until,
        limit);
  }

  /** Records with {@code seq > afterSeq}, oldest first, for walking the whole chain in pages. */
  public List<AuditRecord> readAfter(Connection c, long afterSeq, int limit) throws SQLException {
    return Sql.list(
        c,
        "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
        this::map,
        afterSeq,
        limit);
  }

  /** Whether {@code record}'s hash matches its content. */
  public boolean hashMatches(AuditRecord record) {
    return chain.hash(record).equals(record.hash());
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

  private record Head(long seq, String hash) {}
}
