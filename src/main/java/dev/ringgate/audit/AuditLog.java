package dev.ringgate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.kernel.Actor;
import dev.ringgate.kernel.Target;
import dev.ringgate.kernel.TimeSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
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
  private final AuditStore rows;

  AuditLog(ObjectMapper json, TimeSource time, AuditStore rows) {
    this.json = json;
    this.rows = rows;
    this.chain = new AuditChain(json);
    this.time = time;
  }

  /** Appends a record in {@code c}'s transaction and returns it. */
  public AuditRecord append(
      Connection c, Actor actor, String action, Target target, String reason, Object details)
      throws SQLException {
    AuditStore.Head head = rows.head(c, true);
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
    rows.append(c, record);
    return record;
  }

  /** Records with {@code since <= at < until}, oldest first. */
  public List<AuditRecord> read(Connection c, Instant since, Instant until, int limit)
      throws SQLException {
    return rows.read(c, since, until, limit);
  }

  /** Records with {@code seq > afterSeq}, oldest first, for walking the whole chain in pages. */
  public List<AuditRecord> readAfter(Connection c, long afterSeq, int limit) throws SQLException {
    return rows.readAfter(c, afterSeq, limit);
  }

  /** Whether {@code record}'s hash matches its content. */
  public boolean hashMatches(AuditRecord record) {
    return chain.hash(record).equals(record.hash());
  }
}
