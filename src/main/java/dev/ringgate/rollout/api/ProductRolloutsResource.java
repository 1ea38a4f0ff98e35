package dev.ringgate.rollout.api;

import dev.ringgate.rollout.RolloutService;
import dev.ringgate.security.CurrentCaller;
import dev.ringgate.web.QueryParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A product's rollouts (the product's other paths are the release feature's ProductResource). */
@Path("/api/v1/products/{productId}/rollouts")
@Tag(name = "Vendor")
@SecurityRequirement(name = "bearer")
public class ProductRolloutsResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final RolloutService rollouts;
  private final CurrentCaller caller;

  ProductRolloutsResource(RolloutService rollouts, CurrentCaller caller) {
    this.rollouts = rollouts;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "List a product's rollouts, newest first, optionally of one state")
  public List<RolloutView> list(
      @PathParam("productId") String productId,
      @QueryParam("state") String state,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit) {
    return rollouts.list(
        caller.get(),
        productId,
        RolloutResource.state(state),
        before,
        QueryParams.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT));
  }
}
