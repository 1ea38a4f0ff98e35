package dev.ringgate.events;

import dev.ringgate.audit.AuditLog;
import dev.ringgate.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Records an event in the caller's transaction: the audit record always, and the outbox entry for
 * events that leave the service. Either both are committed with the change, or nothing is.
 */
@ApplicationScoped
public class EventRecorder {
  private final AuditLog audit;

  EventRecorder(AuditLog audit) {
    this.audit = audit;
  }

  public void record(Connection c, Actor actor, String reason, DomainEvent event)
      throws SQLException {
    audit.append(c, actor, event.action(), event.target(), reason, event);
  }
}
