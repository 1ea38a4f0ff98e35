package dev.ringgate.policy;

import dev.ringgate.account.AccountKind;
import dev.ringgate.account.AccountService;
import dev.ringgate.events.EventRecorder;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.policy.ApprovalEvents.ApprovalDecided;
import dev.ringgate.policy.api.ApprovalView;
import dev.ringgate.policy.domain.Approval;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.store.ChangeFeed;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Fleet admins' approvals of releases for their tenant (or one of its device groups). */
@ApplicationScoped
public class ApprovalService {
  private final Store store;
  private final ApprovalStore approvals;
  private final EventRecorder events;
  private final ChangeFeed changes;
  private final TimeSource time;

  ApprovalService(
      Store store,
      ApprovalStore approvals,
      EventRecorder events,
      ChangeFeed changes,
      TimeSource time) {
    this.store = store;
    this.approvals = approvals;
    this.events = events;
    this.changes = changes;
    this.time = time;
  }

  public List<ApprovalView> list(
      Caller caller, String tenantId, String state, String before, int limit) {
    Access.requireTenant(caller, tenantId, Role.FLEET_ADMIN, Role.OPERATOR);
    return store.read(
        c -> {
          if (!AccountService.exists(c, AccountKind.TENANT, tenantId)) {
            throw ApiException.notFound("tenant", tenantId);
          }
          return approvals.list(c, tenantId, state, before, limit).stream()
              .map(ApprovalView::of)
              .toList();
        });
  }

  /** Approves or rejects a pending approval; 409 when it is no longer pending. */
  public ApprovalView decide(
      Caller caller, String tenantId, String approvalId, boolean approve, String reason) {
    Access.requireTenant(caller, tenantId, Role.FLEET_ADMIN);
    if (!approve && (reason == null || reason.isBlank())) {
      throw ApiException.invalid("reason", "is required to reject a release");
    }
    ApprovalView view =
        store.inTransaction(
            c -> {
              Approval approval =
                  approvals
                      .lock(c, approvalId)
                      .filter(a -> a.tenantId().equals(tenantId))
                      .orElseThrow(() -> ApiException.notFound("approval", approvalId));
              if (!approval.state().equals("PENDING")) {
                throw ApiException.conflict(
                    "The approval is " + approval.state() + "; only a PENDING one can be decided.");
              }
              String state = approve ? "APPROVED" : "REJECTED";
              approvals.decide(c, approvalId, state, time.now(), caller.actor().id(), reason);
              events.record(
                  c,
                  caller.actor(),
                  reason,
                  new ApprovalDecided(
                      approve ? "APPROVAL_GRANTED" : "APPROVAL_REJECTED",
                      approvalId,
                      tenantId,
                      approval.productId(),
                      approval.version(),
                      approval.rolloutId(),
                      approval.group()));
              changes.bump(c);
              return ApprovalView.of(approvals.find(c, approvalId).orElseThrow());
            });
    changes.committed();
    return view;
  }
}
