package dev.ringgate.relay;

import dev.ringgate.checkin.CheckinService;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.Patterns;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.kernel.Violation;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.store.Store;
import dev.ringgate.telemetry.TelemetryEvent;
import dev.ringgate.telemetry.TelemetryIngest;
import dev.ringgate.telemetry.TelemetryRules;
import dev.ringgate.telemetry.api.TelemetryEventRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The upstream's side of forwarding: applies a relay's spooled entries in order, each once. Entries
 * at or below the spool's applied position are duplicates (a batch sent again after a crash);
 * telemetry is stored in the same transaction that moves the position, so it is stored exactly
 * once. Check-ins are recorded as direct ones are (they are idempotent), with the answer the relay
 * gave, checked against this service's snapshot and used only for the gate's marks. An entry the
 * upstream cannot take (a device of another tenant, an unknown product) is refused alone and named,
 * since the relay already acknowledged it to its device.
 */
@ApplicationScoped
public class RelayedEvents {
  private static final Logger LOG = Logger.getLogger(RelayedEvents.class);

  private final Store store;
  private final CheckinService checkins;
  private final TelemetryIngest telemetry;
  private final TimeSource time;

  RelayedEvents(Store store, CheckinService checkins, TelemetryIngest telemetry, TimeSource time) {
    this.store = store;
    this.checkins = checkins;
    this.telemetry = telemetry;
    this.time = time;
  }

  public Forwarded.Outcome apply(Caller relay, Forwarded.Batch batch) {
    Access.requireRole(relay, Role.RELAY);
    if (batch.spoolId() == null || !Patterns.isId(batch.spoolId())) {
      throw ApiException.invalid("spoolId", Patterns.ID_MESSAGE);
    }
    if (batch.entries() == null || batch.entries().size() > 1000) {
      throw ApiException.invalid("entries", "must hold at most 1000 entries");
    }
    String keyId = relay.actor().id();
    String tenantId = relay.tenantId();
    long position = store.read(c -> RelayStore.appliedSeq(c, keyId, batch.spoolId()));
    int applied = 0;
    int duplicates = 0;
    List<Forwarded.Refusal> refused = new ArrayList<>();
    List<TelemetryEvent> pending = new ArrayList<>();
    long last = position;
    for (Forwarded.Entry entry : batch.entries()) {
      if (entry.seq() <= last) {
        duplicates++;
        continue;
      }
      last = entry.seq();
      String problem =
          switch (entry.kind()) {
            case TELEMETRY -> telemetryProblem(tenantId, entry, pending);
            case CHECKIN -> {
              if (!pending.isEmpty()) {
                applied += store(keyId, batch.spoolId(), pending, entry.seq() - 1);
                pending.clear();
              }
              yield checkin(tenantId, entry);
            }
            case LOCAL_WITHDRAWAL -> {
              LOG.warnf(
                  "relay %s of tenant %s withdrew %s %s locally while it could not reach us: %s",
                  keyId, tenantId, entry.productId(), entry.version(), entry.detail());
              yield null;
            }
          };
      if (problem != null) {
        refused.add(new Forwarded.Refusal(entry.seq(), problem));
      } else if (entry.kind() != Forwarded.Kind.TELEMETRY) {
        applied++;
      }
    }
    if (last > position) {
      applied += store(keyId, batch.spoolId(), pending, last);
    }
    return new Forwarded.Outcome(applied, duplicates, refused);
  }

  private String telemetryProblem(
      String tenantId, Forwarded.Entry entry, List<TelemetryEvent> pending) {
    TelemetryEventRequest event =
        new TelemetryEventRequest(
            entry.deviceId(),
            entry.productId(),
            entry.version(),
            entry.type(),
            entry.at(),
            entry.detail(),
            null);
    List<Violation> problems = new ArrayList<>();
    TelemetryRules.check(
        event.deviceId(),
        event.productId(),
        event.version(),
        event.type(),
        event.at(),
        event.detail(),
        problems);
    if (problems.isEmpty()) {
      problems.addAll(telemetry.check(tenantId, event, ""));
    }
    if (!problems.isEmpty()) {
      return problems.get(0).field() + " " + problems.get(0).message();
    }
    pending.add(TelemetryIngest.event(tenantId, event));
    return null;
  }

  private String checkin(String tenantId, Forwarded.Entry entry) {
    try {
      checkins.relayed(
          tenantId,
          entry.deviceId(),
          entry.productId(),
          entry.platform(),
          entry.agentVersion(),
          entry.current(),
          entry.groups(),
          entry.told(),
          entry.version(),
          entry.at() == null ? time.now().toEpochMilli() : entry.at().toEpochMilli());
      return null;
    } catch (ApiException e) {
      return e.violations().isEmpty()
          ? e.getMessage()
          : e.violations().get(0).field() + " " + e.violations().get(0).message();
    }
  }

  /** Stores the pending telemetry and moves the position to {@code seq}, in one transaction. */
  private int store(String keyId, String spoolId, List<TelemetryEvent> events, long seq) {
    telemetry.ingest(
        List.copyOf(events),
        "relay",
        c -> {
          RelayStore.advance(c, keyId, spoolId, seq, time.now());
          return null;
        });
    return events.size();
  }
}
