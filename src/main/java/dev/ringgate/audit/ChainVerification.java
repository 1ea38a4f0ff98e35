package dev.ringgate.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of walking the audit chain: {@code intact}, how many records were verified, the head
 * hash, and where the chain breaks when it does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(
    boolean intact, long verifiedRecords, String headHash, Long brokenAtSeq, String problem) {

  static ChainVerification intact(long records, String headHash) {
    return new ChainVerification(true, records, headHash, null, null);
  }

  static ChainVerification broken(long verified, long seq, String problem) {
    return new ChainVerification(false, verified, null, seq, problem);
  }
}
