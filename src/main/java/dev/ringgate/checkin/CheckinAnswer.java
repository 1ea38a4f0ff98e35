package dev.ringgate.checkin;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.ringgate.checkin.domain.CheckinRequest;
import dev.ringgate.checkin.domain.Decision;
import dev.ringgate.checkin.domain.Reason;

/**
 * The JSON of a check-in answer, written from pieces the snapshot prepared, and its ETag: a hash of
 * the answer, so that an unchanged answer costs a 304 whatever else changed.
 */
public final class CheckinAnswer {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private CheckinAnswer() {}

  /** The body of the answer to {@code request}. */
  public static String json(
      String productId, Decision decision, CheckinRequest request, int pollAfterSeconds) {
    StringBuilder out = new StringBuilder(256 + (decision.target() == null ? 0 : 512));
    out.append("{\"productId\":\"").append(productId).append("\",\"action\":\"");
    out.append(decision.action().name()).append("\",\"version\":");
    if (decision.version() == null) {
      out.append("null");
    } else {
      out.append('"');
      if (decision.target() != null) {
        out.append(decision.version());
      } else {
        out.append(JsonStringEncoder.getInstance().quoteAsString(decision.version()));
      }
      out.append('"');
    }
    if (decision.target() != null) {
      out.append(',').append(decision.target().deliveryJson());
    }
    out.append(",\"reason\":\"");
    out.append(
        JsonStringEncoder.getInstance()
            .quoteAsString(decision.reason().describe(decision.subject(), request)));
    out.append("\",\"reasonCode\":\"").append(decision.reason().name());
    out.append("\",\"pollAfterSeconds\":").append(pollAfterSeconds).append('}');
    return out.toString();
  }

  /**
   * A strong ETag of the answer, computed from what determines its body (the product, the action,
   * the version, the release whose artifact it carries, the reason, the release the reason names
   * and what of the request it names, and the poll interval; a release never changes), so that a
   * 304 needs no body: 64 bits of FNV-1a, avalanched, in hex.
   */
  public static String etag(
      String productId, Decision decision, CheckinRequest request, int pollAfterSeconds) {
    long h = FNV_OFFSET;
    h = mix(h, productId);
    h = (h ^ decision.action().ordinal()) * FNV_PRIME;
    h = mix(h, decision.version() == null ? "\u0000" : decision.version());
    h = mix(h, decision.target() == null ? "" : decision.target().releaseId());
    Reason reason = decision.reason();
    h = (h ^ reason.ordinal()) * FNV_PRIME;
    if (decision.subject() != null && decision.subject() != decision.target()) {
      h = mix(h, decision.subject().releaseId());
    }
    if (reason.namesAgent() && request.agentVersion() != null) {
      h = mix(h, request.agentVersion().text());
    }
    if (reason.namesPlatform() && request.platform() != null) {
      h = mix(h, request.platform());
    }
    h = (h ^ pollAfterSeconds) * FNV_PRIME;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return '"' + Long.toHexString(h) + '"';
  }

  private static long mix(long h, String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      h = (h ^ text.charAt(i)) * FNV_PRIME;
    }
    return (h ^ 0xFFFF) * FNV_PRIME;
  }

  /** Whether an If-None-Match header names this ETag (or is {@code *}). */
  public static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    if (ifNoneMatch.equals(etag)) {
      return true;
    }
    if (ifNoneMatch.trim().equals("*")) {
      return true;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Seconds until the next check-in: the base, with a fixed jitter of ±10 % per device so that a
   * fleet does not poll in waves, and so that the answer (and its ETag) stays the same.
   */
  public static int pollAfter(int baseSeconds, int position) {
    int permille = position % 1000;
    return Math.max(1, (int) Math.round(baseSeconds * (0.9 + 0.2 * permille / 1000.0)));
  }
}
