package dev.ringgate.relay;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ringgate.telemetry.TelemetryType;
import java.time.Instant;
import java.util.List;

/** What a relay forwards from its spool: its devices' check-ins and telemetry, in order. */
public final class Forwarded {
  private Forwarded() {}

  /** What a spooled entry records. */
  public enum Kind {
    /** A check-in the relay answered: who asked what, and when. */
    CHECKIN,
    /** A telemetry event the relay accepted (202). */
    TELEMETRY,
    /** The relay withdrew a release locally (the fast path), with the evidence. */
    LOCAL_WITHDRAWAL
  }

  /**
   * One spooled entry.
   *
   * @param seq the spool's sequence number: increasing, never reused within a spool
   * @param version for a check-in, the version the device was told to run
   * @param told for a check-in, the action the device was told (INSTALL, STAY, ROLLBACK)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(
      long seq,
      Kind kind,
      String deviceId,
      String productId,
      Instant at,
      String platform,
      String agentVersion,
      String current,
      String groups,
      String version,
      TelemetryType type,
      String detail,
      String told) {}

  /** A batch, from one spool (its id is made when the relay's data directory is). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Batch(String spoolId, List<Entry> entries) {}

  /** An entry the upstream could not take, and why; it is not sent again. */
  public record Refusal(long seq, String problem) {}

  /** What became of a batch. */
  public record Outcome(int applied, int duplicates, List<Refusal> refused) {}
}
