package dev.ringgate.policy.api;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ReasonRequest;
import dev.ringgate.policy.ApprovalService;
import dev.ringgate.security.CurrentCaller;
import dev.ringgate.web.QueryParams;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's approvals of releases. */
@Path("/api/v1/tenants/{tenantId}/approvals")
@Tag(name = "Fleet admin")
@SecurityRequirement(name = "bearer")
public class ApprovalResource {
  private static final Set<String> STATES = Set.of("PENDING", "APPROVED", "REJECTED", "EXPIRED");

  private final ApprovalService approvals;
  private final CurrentCaller caller;

  ApprovalResource(ApprovalService approvals, CurrentCaller caller) {
    this.approvals = approvals;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "List the tenant's approvals, newest first, optionally of one state")
  public List<ApprovalView> list(
      @PathParam("tenantId") String tenantId,
      @QueryParam("state") String state,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit) {
    String filter = state == null || state.isBlank() ? null : state.trim().toUpperCase(Locale.ROOT);
    if (filter != null && !STATES.contains(filter)) {
      throw ApiException.invalid("state", "must be one of PENDING, APPROVED, REJECTED, EXPIRED");
    }
    return approvals.list(
        caller.get(), tenantId, filter, before, QueryParams.limit("limit", limit, 100, 1000));
  }

  @POST
  @Path("/{approvalId}/approve")
  @Operation(summary = "Approve the release for the tenant (or the approval's group)")
  public ApprovalView approve(
      @PathParam("tenantId") String tenantId,
      @PathParam("approvalId") String approvalId,
      @Valid ReasonRequest body) {
    return approvals.decide(caller.get(), tenantId, approvalId, true, ReasonRequest.of(body));
  }

  @POST
  @Path("/{approvalId}/reject")
  @Operation(summary = "Reject the release for the tenant (a reason is required)")
  public ApprovalView reject(
      @PathParam("tenantId") String tenantId,
      @PathParam("approvalId") String approvalId,
      @Valid ReasonRequest body) {
    return approvals.decide(caller.get(), tenantId, approvalId, false, ReasonRequest.of(body));
  }
}
