package dev.ringgate.policy.api;

import dev.ringgate.kernel.ReasonRequest;
import dev.ringgate.policy.FleetStops;
import dev.ringgate.policy.PolicyService;
import dev.ringgate.security.CurrentCaller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's policies and its emergency stop, for its fleet admins. */
@Path("/api/v1/tenants/{tenantId}")
@Tag(name = "Fleet admin")
@SecurityRequirement(name = "bearer")
public class PolicyResource {
  private final PolicyService policies;
  private final FleetStops stops;
  private final CurrentCaller caller;

  PolicyResource(PolicyService policies, FleetStops stops, CurrentCaller caller) {
    this.policies = policies;
    this.stops = stops;
    this.caller = caller;
  }

  @GET
  @Path("/policies/{productId}")
  @Operation(summary = "Get the tenant's policy for a product (STAGED when none was set)")
  public PolicyView get(
      @PathParam("tenantId") String tenantId, @PathParam("productId") String productId) {
    return policies.get(caller.get(), tenantId, productId);
  }

  @PUT
  @Path("/policies/{productId}")
  @Operation(
      summary = "Set the tenant's policy for a product",
      description =
          "Channel STAGED, EARLY_ACCESS, GENERAL, N_MINUS_1 or PINNED (with pinnedVersion: 422 when"
              + " unknown or revoked), approvals, device groups with their earliest ring,"
              + " maintenance windows in a time zone, and a freeze. Content products are governed"
              + " exactly like agent builds.")
  public PolicyView put(
      @PathParam("tenantId") String tenantId,
      @PathParam("productId") String productId,
      @Valid @NotNull PolicyRequest body) {
    return policies.put(caller.get(), tenantId, productId, body);
  }

  @PUT
  @Path("/stop")
  @Operation(
      summary = "Emergency stop of the tenant's fleet",
      description = "While stopped, the tenant's devices are offered nothing new; rollbacks flow.")
  public Map<String, Object> stop(
      @PathParam("tenantId") String tenantId, @Valid ReasonRequest body) {
    return Map.of(
        "tenantId",
        tenantId,
        "stopped",
        stops.stop(caller.get(), tenantId, true, ReasonRequest.of(body)));
  }

  @DELETE
  @Path("/stop")
  @Operation(summary = "Lift the tenant's emergency stop")
  public Map<String, Object> resume(
      @PathParam("tenantId") String tenantId, @Valid ReasonRequest body) {
    return Map.of(
        "tenantId",
        tenantId,
        "stopped",
        stops.stop(caller.get(), tenantId, false, ReasonRequest.of(body)));
  }
}
