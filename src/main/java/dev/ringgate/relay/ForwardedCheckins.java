package dev.ringgate.relay;

import dev.ringgate.checkin.domain.Decision;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The check-in the relay last forwarded upstream, per device: a device that polls again within half
 * the poll interval it was given, and is told the same, adds nothing the upstream's gate needs (it
 * counts the device as heard already), so the relay does not spool it again. The upstream skips
 * such check-ins the same way; a device polling in a loop cannot flood the spool.
 */
final class ForwardedCheckins {
  /** Beyond this many devices the memory is dropped and every device forwarded once more. */
  static final int MAX_DEVICES = 2_000_000;

  private record Last(String productId, int told, long atMillis) {}

  private final ConcurrentHashMap<String, Last> last = new ConcurrentHashMap<>();

  /**
   * Whether this check-in is to be forwarded (the device's first, another answer, another reported
   * version, or half its poll interval passed); remembers it when it is.
   */
  boolean due(
      String deviceId,
      String productId,
      String current,
      Decision decision,
      long now,
      int pollAfterSeconds) {
    int told =
        (Objects.hashCode(decision.version()) * 31 + Objects.hashCode(current)) * 31
            + decision.action().ordinal();
    Last previous = last.get(deviceId);
    if (previous != null
        && previous.told == told
        && previous.productId.equals(productId)
        && (now - previous.atMillis) * 2 < pollAfterSeconds * 1000L) {
      return false;
    }
    if (last.size() >= MAX_DEVICES) {
      last.clear();
    }
    last.put(deviceId, new Last(productId, told, now));
    return true;
  }
}
