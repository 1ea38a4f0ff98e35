package dev.ringgate.release.api;

import dev.ringgate.release.ReleaseService;
import dev.ringgate.security.CurrentCaller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Releases by id. */
@Path("/api/v1/releases/{releaseId}")
@Tag(name = "Vendor")
@SecurityRequirement(name = "bearer")
public class ReleaseResource {
  private final ReleaseService releases;
  private final CurrentCaller caller;

  ReleaseResource(ReleaseService releases, CurrentCaller caller) {
    this.releases = releases;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Get a release")
  public ReleaseView get(@PathParam("releaseId") String releaseId) {
    return releases.get(caller.get(), releaseId);
  }

  @POST
  @Path("/revoke")
  @Operation(
      summary = "Revoke a release",
      description = "A revoked release is never served again; devices on it are told ROLLBACK.")
  public ReleaseView revoke(
      @PathParam("releaseId") String releaseId, @Valid @NotNull RevokeRequest body) {
    return releases.revoke(caller.get(), releaseId, body.reason());
  }
}
