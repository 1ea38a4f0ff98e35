package dev.ringgate.telemetry;

import dev.ringgate.checkin.DeviceRegistry;
import dev.ringgate.checkin.SnapshotHolder;
import dev.ringgate.health.CohortStore;
import dev.ringgate.kernel.TimeBounds;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.kernel.Violation;
import dev.ringgate.rollout.GateTrigger;
import dev.ringgate.store.SqlFunction;
import dev.ringgate.store.Store;
import dev.ringgate.store.StoreException;
import dev.ringgate.telemetry.api.TelemetryEventRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Telemetry in, from HTTP or Kafka: checks each event, stores every valid one, and turns it into
 * what the health gate counts ({@link CohortStore}), in the same transaction, so an acknowledged
 * event has had its effect. Deduplication is in the counting (one row per rollout and device),
 * never here. After the commit, the gates of the rollouts concerned are evaluated again at once.
 */
@ApplicationScoped
public class TelemetryIngest {
  private final Store store;
  private final SnapshotHolder snapshots;
  private final DeviceRegistry registry;
  private final TelemetryEffects effects;
  private final GateTrigger gates;
  private final TimeSource time;
  private final Counter stored;
  private final Map<UncountedReason, Counter> uncounted = new EnumMap<>(UncountedReason.class);

  TelemetryIngest(
      Store store,
      SnapshotHolder snapshots,
      DeviceRegistry registry,
      TelemetryEffects effects,
      GateTrigger gates,
      TimeSource time,
      MeterRegistry meters) {
    this.store = store;
    this.snapshots = snapshots;
    this.registry = registry;
    this.effects = effects;
    this.gates = gates;
    this.time = time;
    this.stored =
        Counter.builder("ringgate.telemetry.events")
            .description("Telemetry events stored")
            .register(meters);
    for (UncountedReason reason : UncountedReason.values()) {
      uncounted.put(
          reason,
          Counter.builder("ringgate.telemetry.uncounted")
              .description("Telemetry events stored but counted toward no rollout, by reason")
              .tag("reason", reason.name())
              .register(meters));
    }
  }

  /** What a batch came to: how many events were stored, and which of them counted for nothing. */
  public record Ingested(int accepted, Uncounted uncounted) {}

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
    return ingest(events, source, alsoInTransaction).accepted();
  }

  /** As {@link #accept}, also saying which events counted toward no rollout, and why. */
  public Ingested ingest(
      List<TelemetryEvent> events, String source, SqlFunction<?> alsoInTransaction) {
    Set<String> rollouts = new HashSet<>();
    Set<String> failing = new HashSet<>();
    List<TelemetryEffects.Noted> noted = new ArrayList<>();
    Uncounted[] judged = {Uncounted.NONE};
    for (int attempt = 1; ; attempt++) {
      try {
        store.inTransaction(
            c -> {
              rollouts.clear();
              failing.clear();
              noted.clear();
              judged[0] = apply(c, events, source, rollouts, failing, noted);
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
    for (TelemetryEffects.Noted note : noted) {
      registry.noteReported(note.deviceId(), note.productId(), note.key(), note.atMillis());
    }
    stored.increment(events.size());
    judged[0].byReason().forEach((reason, n) -> uncounted.get(reason).increment(n));
    gates.nudge(rollouts, false);
    gates.nudge(failing, true);
    return new Ingested(events.size(), judged[0]);
  }

  private Uncounted apply(
      Connection c,
      List<TelemetryEvent> events,
      String source,
      Set<String> touched,
      Set<String> failing,
      List<TelemetryEffects.Noted> noted)
      throws SQLException {
    if (events.isEmpty()) {
      return Uncounted.NONE;
    }
    Instant received = time.now();
    TelemetryStore.insert(c, events, source, received);
    effects.apply(c, events, received.toEpochMilli(), touched, failing, noted);
    return UncountedEvents.of(c, snapshots.current(), events);
  }
}
