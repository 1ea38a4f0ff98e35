package dev.ringgate.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.kernel.Actor;
import dev.ringgate.kernel.Target;
import java.time.Instant;

/**
 * One record of the audit log. {@code hash} is SHA-256 over the RFC 8785 canonical JSON of every
 * other field, {@code prevHash} included, so an edited, inserted or deleted record breaks the
 * chain.
 */
@JsonPropertyOrder({
  "seq",
  "at",
  "actor",
  "action",
  "target",
  "reason",
  "details",
  "prevHash",
  "hash"
})
public record AuditRecord(
    long seq,
    Instant at,
    Actor actor,
    String action,
    Target target,
    @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
    JsonNode details,
    String prevHash,
    String hash) {

  /** The same record with its hash set. */
  AuditRecord withHash(String newHash) {
    return new AuditRecord(seq, at, actor, action, target, reason, details, prevHash, newHash);
  }
}
