package dev.ringgate.relay.api;

import dev.ringgate.relay.Forwarded;
import dev.ringgate.relay.RelayedEvents;
import dev.ringgate.relay.SignedSync;
import dev.ringgate.relay.SyncService;
import dev.ringgate.security.CurrentCaller;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.NoCache;
import org.jboss.resteasy.reactive.RestResponse;

/** What edge relays call upstream, with their RELAY key: sync, and forwarding their spool. */
@Path("/api/v1/relay")
@Tag(name = "Relay")
@SecurityRequirement(name = "bearer")
public class RelaySyncResource {
  private final SyncService sync;
  private final RelayedEvents forwarded;
  private final CurrentCaller caller;

  RelaySyncResource(SyncService sync, RelayedEvents forwarded, CurrentCaller caller) {
    this.sync = sync;
    this.forwarded = forwarded;
    this.caller = caller;
  }

  @GET
  @Path("sync")
  @Blocking
  @NoCache
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The relay's tenant's decision inputs, signed",
      description =
          "A signed sync document (docs/relay.md). With If-None-Match naming the current ETag and"
              + " `wait` seconds (at most 30), the answer waits for a change: 200 as soon as one"
              + " happens, else 304.")
  @APIResponse(responseCode = "200", description = "The signed document")
  @APIResponse(responseCode = "304", description = "Nothing changed within the wait")
  public RestResponse<SignedSync> sync(
      @HeaderParam("If-None-Match") String ifNoneMatch,
      @QueryParam("wait") @DefaultValue("0") int waitSeconds) {
    SyncService.Answer answer = sync.sync(caller.get(), ifNoneMatch, waitSeconds);
    if (answer.document() == null) {
      return RestResponse.ResponseBuilder.<SignedSync>create(RestResponse.Status.NOT_MODIFIED)
          .header(HttpHeaders.ETAG, answer.etag())
          .build();
    }
    return RestResponse.ResponseBuilder.ok(answer.document())
        .header(HttpHeaders.ETAG, answer.etag())
        .build();
  }

  @POST
  @Path("events")
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Forward a relay's spooled check-ins and telemetry",
      description =
          "Applied in order, each entry once per spool: entries at or below the spool's applied"
              + " position are counted as duplicates and change nothing.")
  public Forwarded.Outcome events(Forwarded.Batch batch) {
    return forwarded.apply(caller.get(), batch);
  }
}
