package dev.ringgate.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.audit.AuditLog;
import dev.ringgate.audit.AuditRecord;
import dev.ringgate.kernel.Actor;
import dev.ringgate.kernel.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records an event in the caller's transaction: the audit record always, and the outbox entry for
 * events that leave the service. Either both are committed with the change, or nothing is.
 */
@ApplicationScoped
public class EventRecorder {
  private final AuditLog audit;
  private final OutboxStore outbox;
  private final ObjectMapper json;

  EventRecorder(AuditLog audit, OutboxStore outbox, ObjectMapper json) {
    this.audit = audit;
    this.outbox = outbox;
    this.json = json;
  }

  public void record(Connection c, Actor actor, String reason, DomainEvent event)
      throws SQLException {
    AuditRecord record = audit.append(c, actor, event.action(), event.target(), reason, event);
    if (event instanceof OutboxEvent out) {
      add(
          c,
          new OutboxStore.Routing(out.outboxKey(), out.productId(), out.tenantId(), true),
          out.outboxFields(),
          actor,
          reason,
          event,
          record);
    } else if (event instanceof TenantNotice notice) {
      add(
          c,
          new OutboxStore.Routing(null, notice.productId(), notice.tenantId(), false),
          fields(event),
          actor,
          reason,
          event,
          record);
    }
  }

  private void add(
      Connection c,
      OutboxStore.Routing routing,
      Map<String, Object> fields,
      Actor actor,
      String reason,
      DomainEvent event,
      AuditRecord record)
      throws SQLException {
    String id = Ids.next("evt");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", id);
    payload.put("type", event.action());
    payload.putAll(fields);
    payload.put("actor", actor);
    payload.put("reason", reason);
    payload.put("at", record.at());
    outbox.add(c, id, routing, event.action(), write(payload), record.at());
  }

  /** The event's own fields, as in its audit record's details. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> fields(DomainEvent event) {
    return json.convertValue(event, LinkedHashMap.class);
  }

  private String write(Map<String, Object> payload) {
    try {
      return json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
