package dev.ringgate.checkin.api;

import dev.ringgate.checkin.DeviceReleases;
import dev.ringgate.kernel.ReasonRequest;
import dev.ringgate.security.CurrentCaller;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Device ids, for operators. */
@Path("/api/v1/devices")
@Tag(name = "Operator")
@SecurityRequirement(name = "bearer")
public class DeviceResource {
  private final DeviceReleases releases;
  private final CurrentCaller caller;

  DeviceResource(DeviceReleases releases, CurrentCaller caller) {
    this.releases = releases;
    this.caller = caller;
  }

  @DELETE
  @Path("/{deviceId}")
  @ResponseStatus(204)
  @Operation(
      summary = "Release a device id",
      description =
          "Unbinds the id from its tenant (audited with the reason): its last check-ins are"
              + " deleted, and the next check-in of the id, by any tenant, registers it again,"
              + " on every replica. With `tenantId`, only if the id is bound to that tenant"
              + " (409 otherwise). Rollout evidence of the device stays with its rollouts.")
  @APIResponse(responseCode = "204", description = "Released")
  @APIResponse(responseCode = "404", description = "No tenant holds the id")
  @APIResponse(responseCode = "409", description = "The id is bound to another tenant")
  public void release(
      @PathParam("deviceId") String deviceId,
      @QueryParam("tenantId") String tenantId,
      @Valid ReasonRequest body) {
    releases.release(caller.get(), deviceId, tenantId, ReasonRequest.of(body));
  }
}
