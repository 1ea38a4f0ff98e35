package dev.ringgate.telemetry;

import dev.ringgate.checkin.domain.CohortMark;
import dev.ringgate.checkin.domain.ProductEntry;
import dev.ringgate.checkin.domain.ReleaseEntry;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.release.domain.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which stored events counted toward no rollout, and why, judged in the transaction that stored
 * them and after their effects ({@link TelemetryEffects}): an unknown product or version, a report
 * on a release the device was never offered (no evidence for it), or a product none of whose
 * rollouts counts devices now. A report on an older version while a rollout counts may make its
 * device a control device, so it is not listed.
 */
final class UncountedEvents {
  private UncountedEvents() {}

  static Uncounted of(Connection c, Snapshot snapshot, List<TelemetryEvent> events)
      throws SQLException {
    Uncounted.Tally tally = new Uncounted.Tally();
    Map<String, List<String>> reportsOnOwnRollout = new HashMap<>();
    for (TelemetryEvent event : events) {
      ProductEntry product = snapshot.product(event.productId());
      if (product == null) {
        tally.add(UncountedReason.UNKNOWN_PRODUCT);
        continue;
      }
      Version reported = product.parseOrNull(event.version());
      ReleaseEntry own = reported == null ? null : product.find(event.version(), reported);
      if (own == null) {
        tally.add(UncountedReason.UNKNOWN_VERSION);
      } else if (!anyCounting(product)) {
        tally.add(UncountedReason.ROLLOUT_NOT_COUNTING);
      } else if (counting(own) && aboutTheRelease(event.type())) {
        reportsOnOwnRollout
            .computeIfAbsent(own.rolloutId(), k -> new ArrayList<>())
            .add(event.deviceId());
      }
    }
    for (Map.Entry<String, List<String>> rollout : reportsOnOwnRollout.entrySet()) {
      Set<String> offered = TelemetryStore.offered(c, rollout.getKey(), rollout.getValue());
      for (String device : rollout.getValue()) {
        if (!offered.contains(device)) {
          tally.add(UncountedReason.NOT_OFFERED);
        }
      }
    }
    return tally.result();
  }

  /** Reports that count for the release they name: exposure, a good boot, a failure. */
  private static boolean aboutTheRelease(TelemetryType type) {
    return type == TelemetryType.INSTALLED || type == TelemetryType.HEARTBEAT || type.isFailure();
  }

  private static boolean counting(ReleaseEntry release) {
    return release.admission() != null && CohortMark.counts(release.availability());
  }

  private static boolean anyCounting(ProductEntry product) {
    for (ReleaseEntry release : product.newestFirst()) {
      if (counting(release)) {
        return true;
      }
    }
    return false;
  }
}
