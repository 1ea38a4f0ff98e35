package dev.ringgate.telemetry;

import dev.ringgate.checkin.CheckinConfig;
import dev.ringgate.checkin.DeviceRegistry;
import dev.ringgate.checkin.SnapshotHolder;
import dev.ringgate.checkin.domain.CohortMark;
import dev.ringgate.checkin.domain.ProductEntry;
import dev.ringgate.checkin.domain.ReleaseEntry;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.health.CohortDelta;
import dev.ringgate.health.CohortStore;
import dev.ringgate.health.HealthConfig;
import dev.ringgate.kernel.TimeBounds;
import dev.ringgate.release.domain.Version;
import dev.ringgate.rollout.domain.Bucketing;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What telemetry tells the health gate: for each event, the rows of {@code rollout_devices} it
 * creates or moves ({@link CohortStore}), written in the transaction that stores the event. Reports
 * that only say "alive" are written about once per poll interval per device.
 */
@ApplicationScoped
class TelemetryEffects {
  private final SnapshotHolder snapshots;
  private final DeviceRegistry registry;
  private final CohortStore cohorts;
  private final long silentAfterMillis;
  private final long earlySilentAfterMillis;

  TelemetryEffects(
      SnapshotHolder snapshots,
      DeviceRegistry registry,
      CohortStore cohorts,
      HealthConfig health,
      CheckinConfig checkin) {
    this.snapshots = snapshots;
    this.registry = registry;
    this.cohorts = cohorts;
    this.silentAfterMillis = (long) health.silentAfterPolls() * checkin.pollSeconds() * 1000L;
    this.earlySilentAfterMillis =
        checkin.pollSeconds() * 1000L + health.earlySilenceGrace().toMillis();
  }

  /** An "alive" report written for the gate, remembered after the commit to skip repeats. */
  record Noted(String deviceId, String productId, int key, long atMillis) {}

  /**
   * Writes the effects of {@code events} received at {@code now} (epoch millis); collects the
   * rollouts touched, those with a new failure, and the "alive" reports written.
   */
  void apply(
      Connection c,
      List<TelemetryEvent> events,
      long now,
      Set<String> touched,
      Set<String> failing,
      List<Noted> noted)
      throws SQLException {
    Snapshot snapshot = snapshots.current();
    List<CohortDelta> upserts = new ArrayList<>();
    List<CohortDelta> touches = new ArrayList<>();
    for (TelemetryEvent event : events) {
      ProductEntry product = snapshot.product(event.productId());
      if (product != null) {
        effects(snapshot, product, event, now, upserts, touches, noted);
      }
    }
    cohorts.upsert(c, upserts);
    cohorts.touch(c, touches);
    for (CohortDelta d : upserts) {
      (d.crashedMs() != null ? failing : touched).add(d.rolloutId());
    }
    for (CohortDelta d : touches) {
      (d.controlCrashedMs() != null ? failing : touched).add(d.rolloutId());
    }
  }

  /**
   * The event's effect on each rollout of its product that still counts: on the rollout of the
   * reported version, an exposure, a good boot or a crash (in the ring the device's position places
   * it); on the others, the device was heard from, and a crash on an older version counts for
   * control devices.
   */
  private void effects(
      Snapshot snapshot,
      ProductEntry product,
      TelemetryEvent event,
      long now,
      List<CohortDelta> upserts,
      List<CohortDelta> touches,
      List<Noted> noted) {
    long at = Math.min(TimeBounds.saturatingMillis(event.at()), now);
    long silentAt = now + silentAfterMillis;
    long earlyAt = now + earlySilentAfterMillis;
    Version reported = product.parseOrNull(event.version());
    ReleaseEntry own = reported == null ? null : product.find(event.version(), reported);
    for (ReleaseEntry release : product.newestFirst()) {
      if (release.admission() == null || !CohortMark.counts(release.availability())) {
        continue;
      }
      String rollout = release.rolloutId();
      if (release == own
          && event.type() != TelemetryType.INSTALL_FAILED
          && event.type() != TelemetryType.ROLLED_BACK) {
        if (!event.type().isFailure() && alreadyWritten(event, rollout, now, noted)) {
          continue;
        }
        boolean early =
            snapshot.policies().policy(event.tenantId(), event.productId()).earlyAccess();
        int ring =
            release
                .admission()
                .ringOf(Bucketing.position(event.productId(), event.deviceId()), Set.of(), early);
        upserts.add(
            switch (event.type()) {
              case INSTALLED ->
                  CohortDelta.installed(rollout, event.deviceId(), ring, at, silentAt, earlyAt);
              case HEARTBEAT ->
                  CohortDelta.booted(rollout, event.deviceId(), ring, at, silentAt, earlyAt);
              default ->
                  CohortDelta.crashed(rollout, event.deviceId(), ring, at, silentAt, earlyAt);
            });
        long offeredAt =
            registry.toldToInstallAt(event.deviceId(), event.productId(), event.version());
        if (offeredAt >= 0) {
          upserts.add(
              CohortDelta.offered(rollout, event.deviceId(), ring, offeredAt, silentAt, earlyAt));
        }
      } else {
        boolean controlCrash =
            event.type().isFailure()
                && reported != null
                && reported.compareTo(release.version()) < 0;
        if (!controlCrash && alreadyWritten(event, rollout, now, noted)) {
          continue;
        }
        touches.add(
            CohortDelta.heard(
                rollout, event.deviceId(), controlCrash ? at : null, silentAt, earlyAt));
      }
    }
  }

  /** Reports that only say "alive" are written for the gate about once per poll interval. */
  private boolean alreadyWritten(
      TelemetryEvent event, String rolloutId, long now, List<Noted> noted) {
    int key = Objects.hash(rolloutId, event.type(), event.version());
    if (registry.recentlyReported(event.deviceId(), event.productId(), key, now)) {
      return true;
    }
    noted.add(new Noted(event.deviceId(), event.productId(), key, now));
    return false;
  }
}
