package dev.ringgate.release.api;

import dev.ringgate.release.ProductService;
import dev.ringgate.release.ReleaseService;
import dev.ringgate.security.CurrentCaller;
import dev.ringgate.web.QueryParams;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** Products, their ring plans and their releases, for vendors. */
@Path("/api/v1/products")
@Tag(name = "Vendor")
@SecurityRequirement(name = "bearer")
public class ProductResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final ProductService products;
  private final ReleaseService releases;
  private final CurrentCaller caller;

  ProductResource(ProductService products, ReleaseService releases, CurrentCaller caller) {
    this.products = products;
    this.releases = releases;
    this.caller = caller;
  }

  @POST
  @ResponseStatus(201)
  @Operation(
      summary = "Create a product",
      description = "The product starts with the default ring plan until it is replaced.")
  public ProductView create(@Valid @NotNull CreateProductRequest body) {
    return products.create(caller.get(), body);
  }

  @GET
  @Operation(
      summary = "List products, newest first",
      description =
          "A vendor sees its own products, the operator every product. Paged: `limit` (default"
              + " 100, at most 1000) and `before`, the last product id of the previous page.")
  public List<ProductView> list(
      @QueryParam("before") String before, @QueryParam("limit") String limit) {
    return products.list(
        caller.get(), before, QueryParams.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  @GET
  @Path("/{productId}")
  @Operation(summary = "Get a product with its ring plan")
  public ProductView get(@PathParam("productId") String productId) {
    return products.get(caller.get(), productId);
  }

  @PUT
  @Path("/{productId}/ring-plan")
  @Operation(
      summary = "Replace the ring plan",
      description =
          "Shares must not decrease and the last ring has 10000 bp. Rollouts already started"
              + " keep the plan they started with.")
  public ProductView replaceRingPlan(
      @PathParam("productId") String productId, @Valid @NotNull RingPlanRequest body) {
    return products.replaceRingPlan(caller.get(), productId, body);
  }

  @POST
  @Path("/{productId}/releases")
  @Operation(
      summary = "Publish a release",
      description =
          "The Ed25519 signature covers the RFC 8785 canonical JSON of {productId, version,"
              + " platforms, requires, artifact}. Creates the release's rollout in state PENDING."
              + " Publishing identical content again answers 200 with the same ids.")
  @APIResponse(responseCode = "201", description = "Published")
  @APIResponse(responseCode = "200", description = "Identical re-publish")
  @APIResponse(responseCode = "409", description = "The version exists with other content")
  @APIResponse(responseCode = "422", description = "Bad signature or unknown signing key")
  public RestResponse<ReleaseView> publish(
      @PathParam("productId") String productId, @Valid @NotNull PublishReleaseRequest body) {
    ReleaseService.Published published = releases.publish(caller.get(), productId, body);
    return RestResponse.status(
        published.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
        published.release());
  }

  @GET
  @Path("/{productId}/releases")
  @Operation(summary = "List releases, newest first")
  public List<ReleaseView> listReleases(
      @PathParam("productId") String productId,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit) {
    return releases.list(
        caller.get(),
        productId,
        before,
        QueryParams.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT));
  }
}
