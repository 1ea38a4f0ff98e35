package dev.ringgate.policy;

import dev.ringgate.events.EventRecorder;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.policy.PolicyEvents.FleetResumed;
import dev.ringgate.policy.PolicyEvents.FleetStopped;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.store.ChangeFeed;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;

/** The emergency stop of a tenant's whole fleet: nothing new is offered while it holds. */
@ApplicationScoped
public class FleetStops {
  private final Store store;
  private final PolicyStore policies;
  private final EventRecorder events;
  private final ChangeFeed changes;
  private final TimeSource time;

  FleetStops(
      Store store,
      PolicyStore policies,
      EventRecorder events,
      ChangeFeed changes,
      TimeSource time) {
    this.store = store;
    this.policies = policies;
    this.events = events;
    this.changes = changes;
    this.time = time;
  }

  /** Whether the tenant's fleet is stopped; for its fleet admins and operators. */
  public boolean isStopped(Caller caller, String tenantId) {
    Access.requireTenant(caller, tenantId, Role.FLEET_ADMIN, Role.OPERATOR);
    return store.read(
        c -> {
          PolicyService.requireTenantExists(c, tenantId);
          return policies.isStopped(c, tenantId);
        });
  }

  /** Stops or resumes the tenant's whole fleet. Returns whether it is stopped now. */
  public boolean stop(Caller caller, String tenantId, boolean stop, String reason) {
    Access.requireTenant(caller, tenantId, Role.FLEET_ADMIN);
    boolean changed =
        store.inTransaction(
            c -> {
              PolicyService.requireTenantExists(c, tenantId);
              boolean stopped = policies.isStopped(c, tenantId);
              if (stopped == stop) {
                return false;
              }
              if (stop) {
                policies.stop(c, tenantId, reason, time.now(), caller.actor().id());
                events.record(c, caller.actor(), reason, new FleetStopped(tenantId));
              } else {
                policies.resume(c, tenantId);
                events.record(c, caller.actor(), reason, new FleetResumed(tenantId));
              }
              changes.bump(c);
              return true;
            });
    if (changed) {
      changes.committed();
    }
    return stop;
  }
}
