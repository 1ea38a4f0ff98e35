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
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.kernel.Violation;
import dev.ringgate.release.domain.Version;
import dev.ringgate.rollout.GateTrigger;
import dev.ringgate.rollout.domain.Bucketing;
import dev.ringgate.store.SqlFunction;
import dev.ringgate.store.Store;
import dev.ringgate.store.StoreException;
import dev.ringgate.telemetry.api.TelemetryEventRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Telemetry in, from HTTP or Kafka: checks each event, stores every valid one, and turns it into
 * what the health gate counts ({@link CohortStore}), in the same transaction, so an acknowledged
 * event has had its effect. Deduplication is in the counting (one row per rollout and device),
 * never here. After the commit, the gates of the rollouts concerned are evaluated again at once.
 */
@ApplicationScoped
public class TelemetryIngest {
  static final int ROWS_PER_INSERT = 250;

  private static final String FULL_INSERT = insertSql(ROWS_PER_INSERT);

  private final Store store;
  private final SnapshotHolder snapshots;
  private final DeviceRegistry registry;
  private final CohortStore cohorts;
  private final GateTrigger gates;
  private final TimeSource time;
  private final long silentAfterMillis;
  private final Counter stored;

  TelemetryIngest(
      Store store,
      SnapshotHolder snapshots,
      DeviceRegistry registry,
      CohortStore cohorts,
      GateTrigger gates,
      TimeSource time,
      HealthConfig health,
      CheckinConfig checkin,
      MeterRegistry meters) {
    this.store = store;
    this.snapshots = snapshots;
    this.registry = registry;
    this.cohorts = cohorts;
    this.gates = gates;
    this.time = time;
    this.silentAfterMillis = (long) health.silentAfterPolls() * checkin.pollSeconds() * 1000L;
    this.stored =
        Counter.builder("ringgate.telemetry.events")
            .description("Telemetry events stored")
            .register(meters);
  }

  /**
   * What is wrong with one event beyond its own fields' rules ({@link TelemetryRules}): an unknown
   * product, a device of another tenant, a time before 2000 or more than a day ahead. Paths are
   * prefixed with {@code path}.
   */
  public List<Violation> check(String tenantId, TelemetryEventRequest event, String path) {
    List<Violation> problems = new ArrayList<>(1);
    if (event.productId() != null && snapshots.current().product(event.productId()) == null) {
      problems.add(new Violation(path + "productId", "is not a known product"));
    }
    if (event.deviceId() != null && !registry.mayReport(event.deviceId(), tenantId)) {
      problems.add(new Violation(path + "deviceId", "is not a device of this tenant"));
    }
    Violation at = TimeBounds.checkReported(path + "at", event.at(), time.now());
    if (at != null) {
      problems.add(at);
    }
    return problems;
  }

  /** The stored form of an event that passed {@link #check}. */
  public static TelemetryEvent event(String tenantId, TelemetryEventRequest e) {
    return new TelemetryEvent(
        tenantId, e.deviceId(), e.productId(), e.version(), e.type(), e.at(), e.detail());
  }

  /**
   * Stores checked events and their effects in one transaction, running {@code alsoInTransaction}
   * before the commit (Kafka positions), then evaluates the gates concerned. Returns how many were
   * stored.
   */
  public int accept(List<TelemetryEvent> events, String source, SqlFunction<?> alsoInTransaction) {
    Set<String> rollouts = new HashSet<>();
    Set<String> failing = new HashSet<>();
    List<Noted> noted = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      try {
        store.inTransaction(
            c -> {
              rollouts.clear();
              failing.clear();
              noted.clear();
              apply(c, events, source, rollouts, failing, noted);
              if (alsoInTransaction != null) {
                alsoInTransaction.apply(c);
              }
              return null;
            });
        break;
      } catch (StoreException e) {
        // a check-in flush inserted the same device's row at the same moment: merge again
        if (attempt >= 3 || !e.isUniqueViolation()) {
          throw e;
        }
      }
    }
    for (TelemetryEvent event : events) {
      registry.bindReporting(event.deviceId(), event.tenantId());
    }
    for (Noted note : noted) {
      registry.noteReported(note.deviceId(), note.productId(), note.key(), note.atMillis());
    }
    stored.increment(events.size());
    gates.nudge(rollouts, false);
    gates.nudge(failing, true);
    return events.size();
  }

  /** An "alive" report written for the gate, remembered after the commit to skip repeats. */
  private record Noted(String deviceId, String productId, int key, long atMillis) {}

  private void apply(
      Connection c,
      List<TelemetryEvent> events,
      String source,
      Set<String> touched,
      Set<String> failing,
      List<Noted> noted)
      throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    Instant received = time.now();
    long now = received.toEpochMilli();
    insert(c, events, source, received);
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
                  CohortDelta.installed(rollout, event.deviceId(), ring, at, silentAt);
              case HEARTBEAT -> CohortDelta.booted(rollout, event.deviceId(), ring, at, silentAt);
              default -> CohortDelta.crashed(rollout, event.deviceId(), ring, at, silentAt);
            });
      } else {
        boolean controlCrash =
            event.type().isFailure()
                && reported != null
                && reported.compareTo(release.version()) < 0;
        if (!controlCrash && alreadyWritten(event, rollout, now, noted)) {
          continue;
        }
        touches.add(
            CohortDelta.heard(rollout, event.deviceId(), controlCrash ? at : null, silentAt));
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

  /**
   * One INSERT of many rows: a single round trip and statement per chunk, several times faster than
   * a JDBC batch of single-row inserts on PostgreSQL. The statement of a full chunk is built once.
   */
  private static String insertSql(int rows) {
    if (rows == ROWS_PER_INSERT && FULL_INSERT != null) {
      return FULL_INSERT;
    }
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO telemetry_events (tenant_id, device_id, product_id, version, event_type,"
                + " at, received_at, source, detail) VALUES ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    return sql.toString();
  }

  private static void insert(
      Connection c, List<TelemetryEvent> events, String source, Instant received)
      throws SQLException {
    OffsetDateTime receivedAt = OffsetDateTime.ofInstant(received, ZoneOffset.UTC);
    for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
      List<TelemetryEvent> rows =
          events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT));
      try (PreparedStatement insert = c.prepareStatement(insertSql(rows.size()))) {
        int p = 1;
        for (TelemetryEvent event : rows) {
          insert.setString(p++, event.tenantId());
          insert.setString(p++, event.deviceId());
          insert.setString(p++, event.productId());
          insert.setString(p++, event.version());
          insert.setString(p++, event.type().name());
          insert.setObject(p++, OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC));
          insert.setObject(p++, receivedAt);
          insert.setString(p++, source);
          insert.setString(p++, event.detail());
        }
        insert.executeUpdate();
      }
    }
    insertFailures(c, events, received);
  }

  private static void insertFailures(Connection c, List<TelemetryEvent> events, Instant received)
      throws SQLException {
    try (PreparedStatement failure =
        c.prepareStatement(
            "INSERT INTO telemetry_failures (tenant_id, product_id, device_id, received_at)"
                + " VALUES (?, ?, ?, ?)")) {
      int failures = 0;
      for (TelemetryEvent event : events) {
        if (event.type().isFailure()) {
          failure.setString(1, event.tenantId());
          failure.setString(2, event.productId());
          failure.setString(3, event.deviceId());
          failure.setObject(4, OffsetDateTime.ofInstant(received, ZoneOffset.UTC));
          failure.addBatch();
          failures++;
        }
      }
      if (failures > 0) {
        failure.executeBatch();
      }
    }
  }
}
