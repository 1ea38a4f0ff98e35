package dev.ringgate.telemetry.api;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.Violation;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.CurrentCaller;
import dev.ringgate.security.Role;
import dev.ringgate.telemetry.TelemetryEvent;
import dev.ringgate.telemetry.TelemetryIngest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Telemetry from endpoints: installs, heartbeats, crashes, boot loops, failed installs. */
@Path("/api/v1/telemetry")
@Tag(name = "Endpoint")
@SecurityRequirement(name = "bearer")
public class TelemetryResource {
  private final TelemetryIngest ingest;
  private final CurrentCaller caller;

  TelemetryResource(TelemetryIngest ingest, CurrentCaller caller) {
    this.ingest = ingest;
    this.caller = caller;
  }

  @POST
  @Operation(
      summary = "Report telemetry events (at most 1000)",
      description =
          "Answers 202 once every event is stored durably. A batch with an invalid event, an"
              + " unknown product or a device of another tenant is refused whole (400, the path"
              + " named) and nothing of it is stored. Every valid event counts in `accepted`;"
              + " devices are counted once each where health is judged, however often they"
              + " report. `uncounted` says how many of them counted toward no rollout, and why:"
              + " UNKNOWN_VERSION (not a release of the product), NOT_OFFERED (the device was"
              + " never offered that release), ROLLOUT_NOT_COUNTING (no rollout of the product"
              + " counts devices now).")
  @APIResponse(responseCode = "202", description = "Stored")
  @APIResponse(responseCode = "400", description = "Refused whole: the problem names the event")
  public RestResponse<TelemetryAnswer> report(@Valid @NotNull TelemetryRequest body) {
    Caller device = caller.get();
    Access.requireRole(device, Role.DEVICE);
    List<Violation> problems = new ArrayList<>();
    List<TelemetryEvent> events = new ArrayList<>(body.events().size());
    for (int i = 0; i < body.events().size(); i++) {
      TelemetryEventRequest event = body.events().get(i);
      problems.addAll(ingest.check(device.tenantId(), event, "events[" + i + "]."));
      events.add(TelemetryIngest.event(device.tenantId(), event));
    }
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    TelemetryIngest.Ingested ingested = ingest.ingest(events, "http", null);
    return RestResponse.status(
        RestResponse.Status.ACCEPTED,
        new TelemetryAnswer(ingested.accepted(), ingested.uncounted()));
  }
}
