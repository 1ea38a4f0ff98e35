package dev.ringgate.rollout.api;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.rollout.RingSeries;
import dev.ringgate.rollout.RolloutActions;
import dev.ringgate.rollout.RolloutService;
import dev.ringgate.rollout.domain.RolloutAction;
import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.security.CurrentCaller;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Rollouts: read by vendors (and operators and fleet admins), moved by their vendor. */
@Path("/api/v1/rollouts/{rolloutId}")
@Tag(name = "Vendor")
@SecurityRequirement(name = "bearer")
public class RolloutResource {
  private final RolloutService rollouts;
  private final RolloutActions actions;
  private final CurrentCaller caller;
  private final RingSeries series;

  RolloutResource(
      RolloutService rollouts, RolloutActions actions, CurrentCaller caller, RingSeries series) {
    this.rollouts = rollouts;
    this.actions = actions;
    this.series = series;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Get a rollout with its rings, their figures and verdicts, and its history")
  public RolloutView get(@PathParam("rolloutId") String rolloutId) {
    return rollouts.get(caller.get(), rolloutId);
  }

  @GET
  @Path("/series")
  @Operation(
      summary = "One ring's figures over time",
      description =
          "Exposed and control devices and their failures at evenly spaced moments of the ring"
              + " (the current ring unless ring is given), with the gate's log-evidence and the"
              + " ring's halt threshold log(1/alpha).")
  public RingSeriesView series(
      @PathParam("rolloutId") String rolloutId, @QueryParam("ring") String ring) {
    return series.of(caller.get(), rolloutId, ring(ring));
  }

  private static Integer ring(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalid("ring", "must be a ring index, a whole number from 0");
    }
  }

  @POST
  @Path("/{action}")
  @Operation(
      summary = "Move a rollout",
      description =
          "start, promote (force: true skips WAIT, never HALT; at the final ring it completes the"
              + " rollout), pause, resume (a reason is required after a halt), halt, rollback."
              + " 409 when the current state does not allow the action.")
  public RolloutView act(
      @PathParam("rolloutId") String rolloutId,
      @Parameter(
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"start", "promote", "pause", "resume", "halt", "rollback"}))
          @PathParam("action")
          String action,
      @Valid ActionRequest body) {
    RolloutAction parsed = RolloutAction.fromPath(action);
    if (parsed == null) {
      throw ApiException.notFound("rollout action", action);
    }
    return actions.act(caller.get(), rolloutId, parsed, body == null ? ActionRequest.EMPTY : body);
  }

  /** Parses the {@code state} filter of rollout lists. */
  public static RolloutState state(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return RolloutState.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(
          "state", "must be one of " + Arrays.toString(RolloutState.values()));
    }
  }
}
