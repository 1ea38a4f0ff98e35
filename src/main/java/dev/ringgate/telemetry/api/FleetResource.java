package dev.ringgate.telemetry.api;

import dev.ringgate.security.CurrentCaller;
import dev.ringgate.telemetry.FleetService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's fleet at a glance, for its fleet admins. */
@Path("/api/v1/tenants/{tenantId}")
@Tag(name = "Fleet admin")
@SecurityRequirement(name = "bearer")
public class FleetResource {
  private final FleetService fleets;
  private final CurrentCaller caller;

  FleetResource(FleetService fleets, CurrentCaller caller) {
    this.fleets = fleets;
    this.caller = caller;
  }

  @GET
  @Path("/fleet")
  @Operation(
      summary = "The tenant's fleet for a product",
      description =
          "Devices known, counts by reported version and by last answer, pending approvals,"
              + " whether the fleet is stopped.")
  public FleetView fleet(
      @PathParam("tenantId") String tenantId, @QueryParam("productId") String productId) {
    return fleets.fleet(caller.get(), tenantId, productId);
  }
}
