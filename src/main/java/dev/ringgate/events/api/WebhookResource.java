package dev.ringgate.events.api;

import dev.ringgate.events.WebhookService;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ReasonRequest;
import dev.ringgate.security.CurrentCaller;
import dev.ringgate.web.QueryParams;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Webhook subscriptions: vendors to their products' rollout events, fleet admins to their tenant's
 * approvals and stops, operators to everything.
 */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks")
@SecurityRequirement(name = "bearer")
public class WebhookResource {
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private final WebhookService webhooks;
  private final CurrentCaller caller;

  WebhookResource(WebhookService webhooks, CurrentCaller caller) {
    this.webhooks = webhooks;
    this.caller = caller;
  }

  @POST
  @ResponseStatus(201)
  @Operation(
      summary = "Subscribe a URL to events",
      description =
          "Deliveries are POSTs signed with Ringgate-Signature: t=<unix seconds>,v1=<hex"
              + " HMAC-SHA256 of \"t.body\">, retried with backoff until a 2xx answer. A generated"
              + " secret is returned once.")
  public WebhookView create(@Valid @NotNull CreateWebhookRequest body) {
    return webhooks.create(caller.get(), body);
  }

  @GET
  @Operation(summary = "List the webhooks of the caller's scope (operators: all), newest first")
  public List<WebhookView> list() {
    return webhooks.list(caller.get());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Get a webhook")
  public WebhookView get(@PathParam("id") String id) {
    return webhooks.get(caller.get(), id);
  }

  @DELETE
  @Path("/{id}")
  @ResponseStatus(204)
  @Operation(summary = "Delete a webhook", description = "Nothing more is delivered to it.")
  public void delete(@PathParam("id") String id, @Valid ReasonRequest body) {
    webhooks.delete(caller.get(), id, ReasonRequest.of(body));
  }

  @GET
  @Path("/{id}/deliveries")
  @Operation(
      summary = "A webhook's deliveries, newest first",
      description = "Each with its status, attempts, last error and next attempt.")
  public List<DeliveryView> deliveries(
      @PathParam("id") String id,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit) {
    return webhooks.deliveries(
        caller.get(),
        id,
        before(before),
        QueryParams.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  private static Long before(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalid("before", "must be a delivery id");
    }
  }
}
