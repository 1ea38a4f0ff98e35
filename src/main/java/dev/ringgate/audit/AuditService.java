package dev.ringgate.audit;

import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Reading and verifying the audit log. */
@ApplicationScoped
public class AuditService {
  private static final int VERIFY_PAGE = 1000;

  private final Store store;
  private final AuditLog log;
  private final AuditStore rows;

  AuditService(Store store, AuditLog log, AuditStore rows) {
    this.store = store;
    this.log = log;
    this.rows = rows;
  }

  /** The chain head: the last record's sequence number and hash. */
  public record Head(long seq, String hash) {}

  public Head head() {
    return store.read(this::head);
  }

  private Head head(Connection c) throws SQLException {
    AuditStore.Head head = rows.head(c, false);
    return new Head(head.seq(), head.hash());
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
          Head head = head(c);
          long expectedSeq = 1;
          String expectedPrev = AuditChain.GENESIS;
          while (expectedSeq <= head.seq()) {
            List<AuditRecord> page =
                log.readAfter(
                    c, expectedSeq - 1, (int) Math.min(VERIFY_PAGE, head.seq() - expectedSeq + 1));
            if (page.isEmpty()) {
              return ChainVerification.broken(
                  expectedSeq - 1, expectedSeq, "records from seq " + expectedSeq + " are missing");
            }
            for (AuditRecord record : page) {
              String problem = check(record, expectedSeq, expectedPrev);
              if (problem != null) {
                return ChainVerification.broken(expectedSeq - 1, record.seq(), problem);
              }
              expectedSeq++;
              expectedPrev = record.hash();
            }
          }
          if (!expectedPrev.equals(head.hash())) {
            return ChainVerification.broken(
                head.seq(), head.seq(), "the last record's hash is not the chain head's");
          }
          return ChainVerification.intact(head.seq(), expectedPrev);
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
