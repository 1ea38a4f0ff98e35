package dev.ringgate.rollout.api;

import dev.ringgate.rollout.RolloutService;
import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.security.CurrentCaller;
import dev.ringgate.web.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Rollouts, for vendors (and read-only for operators and fleet admins). */
@Path("/api/v1/rollouts")
@Tag(name = "Vendor")
@SecurityRequirement(name = "bearer")
public class RolloutResource {
  private final RolloutService rollouts;
  private final CurrentCaller caller;

  RolloutResource(RolloutService rollouts, CurrentCaller caller) {
    this.rollouts = rollouts;
    this.caller = caller;
  }

  @GET
  @Path("/{rolloutId}")
  @Operation(summary = "Get a rollout with its rings and history")
  public RolloutView get(@PathParam("rolloutId") String rolloutId) {
    return rollouts.get(caller.get(), rolloutId);
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
