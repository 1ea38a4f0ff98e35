package dev.ringgate.audit;

import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Reading and verifying the audit log. */
@ApplicationScoped
public class AuditService {
  private static final int VERIFY_PAGE = 1000;

  private final Store store;
  private final AuditLog log;

  AuditService(Store store, AuditLog log) {
    this.store = store;
    this.log = log;
  }

  /** The chain head: the last record's sequence number and hash. */
  public record Head(long seq, String hash) {}

  public Head head() {
    return store.read(
        c ->
            dev.ringgate.store.Sql.one(
                    c,
                    "SELECT seq, hash FROM audit_head WHERE id = 1",
                    row -> new Head(row.getLong("seq"), row.getString("hash")))
                .orElseThrow());
  }

  public List<AuditRecord> read(Instant since, Instant until, int limit) {
    return store.read(c -> log.read(c, since, until, limit));
  }

  /**
   * Walks the whole chain: each record's hash must match its content and the previous record's
   * hash, sequence numbers must have no gap, and the last must be the chain head.
   */
  public ChainVerification verify() {
    return store.read(
        c -> {
          long expectedSeq = 1;
          String expectedPrev = AuditChain.GENESIS;
          List<AuditRecord> page = log.readAfter(c, 0, VERIFY_PAGE);
          while (!page.isEmpty()) {
            for (AuditRecord record : page) {
              String problem = check(record, expectedSeq, expectedPrev);
              if (problem != null) {
                return ChainVerification.broken(expectedSeq - 1, record.seq(), problem);
              }
              expectedSeq++;
              expectedPrev = record.hash();
            }
            page = log.readAfter(c, expectedSeq - 1, VERIFY_PAGE);
          }
          long head = log.lastSeq(c).orElse(0L);
          if (head != expectedSeq - 1) {
            return ChainVerification.broken(
                expectedSeq - 1,
                expectedSeq,
                "records after seq " + (expectedSeq - 1) + " are missing");
          }
          return ChainVerification.intact(expectedSeq - 1, expectedPrev);
        });
  }

  private String check(AuditRecord record, long expectedSeq, String expectedPrev) {
    if (record.seq() != expectedSeq) {
      return "record " + expectedSeq + " is missing";
    }
    if (!record.prevHash().equals(expectedPrev)) {
      return "prevHash does not match the previous record's hash";
    }
    if (!log.hashMatches(record)) {
      return "the record's content does not match its hash";
    }
    return null;
  }
}
