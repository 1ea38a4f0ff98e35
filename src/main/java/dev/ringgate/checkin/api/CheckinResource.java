package dev.ringgate.checkin.api;

import dev.ringgate.checkin.CheckinService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.NoCache;
import org.jboss.resteasy.reactive.RestResponse;

/** The endpoint check-in: which version may this device run? Answered from memory. */
@Path("/api/v1/devices/{deviceId}/updates/{productId}")
@Tag(name = "Endpoint")
@SecurityRequirement(name = "bearer")
public class CheckinResource {
  private final CheckinService checkins;
  private final Counter notModified;

  CheckinResource(CheckinService checkins, MeterRegistry meters) {
    this.checkins = checkins;
    this.notModified =
        Counter.builder("ringgate.checkins.not.modified")
            .description("Check-ins answered 304 (unchanged answer)")
            .register(meters);
  }

  @GET
  @NonBlocking
  @NoCache
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Ask which version the device may run",
      description =
          "Answers INSTALL, STAY or ROLLBACK with the version, and for INSTALL and ROLLBACK the"
              + " artifact and the vendor's signature. Send the ETag back in If-None-Match: an"
              + " unchanged answer is a 304. The first check-in of a device id binds it to the"
              + " credential's tenant.")
  @APIResponse(
      responseCode = "200",
      description = "The answer",
      content = @Content(schema = @Schema(implementation = CheckinView.class)))
  @APIResponse(responseCode = "304", description = "The answer has not changed")
  @APIResponse(responseCode = "404", description = "Unknown product, or a device of another tenant")
  public RestResponse<String> checkin(
      @PathParam("deviceId") String deviceId,
      @PathParam("productId") String productId,
      @Parameter(description = "The device's platform, e.g. windows-x64") @QueryParam("platform")
          String platform,
      @Parameter(description = "The agent version the device runs (SemVer)")
          @QueryParam("agentVersion")
          String agentVersion,
      @Parameter(description = "The version of the product it runs now; omitted by a new device")
          @QueryParam("current")
          String current,
      @Parameter(description = "Comma-separated device groups") @QueryParam("groups") String groups,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    CheckinService.Answer answer =
        checkins.checkin(deviceId, productId, platform, agentVersion, current, groups);
    if (answer.matches(ifNoneMatch)) {
      notModified.increment();
      return RestResponse.ResponseBuilder.<String>create(RestResponse.Status.NOT_MODIFIED)
          .header(HttpHeaders.ETAG, answer.etag())
          .build();
    }
    return RestResponse.ResponseBuilder.ok(answer.body())
        .header(HttpHeaders.ETAG, answer.etag())
        .build();
  }
}
