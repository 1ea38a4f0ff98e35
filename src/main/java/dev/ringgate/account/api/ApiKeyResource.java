package dev.ringgate.account.api;

import dev.ringgate.account.ApiKeyService;
import dev.ringgate.kernel.ReasonRequest;
import dev.ringgate.security.CurrentCaller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** API keys, for operators. */
@Path("/api/v1/api-keys")
@Tag(name = "Operator")
@SecurityRequirement(name = "bearer")
public class ApiKeyResource {
  private final ApiKeyService keys;
  private final CurrentCaller caller;

  ApiKeyResource(ApiKeyService keys, CurrentCaller caller) {
    this.keys = keys;
    this.caller = caller;
  }

  @POST
  @ResponseStatus(201)
  @Operation(
      summary = "Create an API key",
      description =
          "Returns the secret once; only its hash is stored. VENDOR keys need vendorId,"
              + " FLEET_ADMIN and DEVICE keys need tenantId.")
  public ApiKeyView create(@Valid @NotNull CreateApiKeyRequest body) {
    return keys.create(caller.get(), body);
  }

  @GET
  @Operation(summary = "List API keys (never their secrets)")
  public List<ApiKeyView> list() {
    return keys.list(caller.get());
  }

  @DELETE
  @Path("/{id}")
  @ResponseStatus(204)
  @Operation(summary = "Revoke an API key", description = "The key stops working at once.")
  public void revoke(@PathParam("id") String id, @Valid ReasonRequest body) {
    keys.revoke(caller.get(), id, ReasonRequest.of(body));
  }
}
