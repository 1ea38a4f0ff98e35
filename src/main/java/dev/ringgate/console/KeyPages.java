package dev.ringgate.console;

import dev.ringgate.account.ApiKeyService;
import dev.ringgate.account.api.ApiKeyView;
import dev.ringgate.account.api.CreateApiKeyRequest;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The operator's API keys: the list, a new key (its secret shown once), revoking one. */
@Path("/console/keys")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class KeyPages {
  @CheckedTemplate(basePath = "console")
  record keys(Nav nav, List<ApiKeyView> keys) implements TemplateInstance {}

  @CheckedTemplate(basePath = "console")
  record keyCreated(ApiKeyView key) implements TemplateInstance {}

  private final ApiKeyService keyService;
  private final Validator validator;
  private final ConsoleCaller caller;
  private final ErrorPages errors;

  KeyPages(ApiKeyService keyService, Validator validator, ConsoleCaller caller, ErrorPages errors) {
    this.keyService = keyService;
    this.validator = validator;
    this.caller = caller;
    this.errors = errors;
  }

  @GET
  public TemplateInstance keys() {
    return new keys(nav(), keyService.list(caller.get()));
  }

  /** Creates a key and shows its secret, this once. */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance createKey(
      @RestForm String role,
      @RestForm String vendorId,
      @RestForm String tenantId,
      @RestForm String label,
      @RestForm String reason) {
    Role parsed;
    try {
      parsed = Role.valueOf(OperatorPages.strip(role).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("role", "must be one of VENDOR, FLEET_ADMIN, DEVICE, OPERATOR");
    }
    CreateApiKeyRequest request =
        OperatorPages.valid(
            validator,
            new CreateApiKeyRequest(
                parsed,
                FleetPages.blankToNull(vendorId),
                FleetPages.blankToNull(tenantId),
                OperatorPages.strip(label),
                FleetPages.blankToNull(reason)));
    return new keyCreated(keyService.create(caller.get(), request));
  }

  @POST
  @Path("/{keyId}/revoke")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response revoke(@PathParam("keyId") String keyId, @RestForm String reason) {
    keyService.revoke(caller.get(), keyId, FleetPages.blankToNull(reason));
    return Response.ok().header("HX-Redirect", "/console/keys").build();
  }

  @ServerExceptionMapper
  Response refused(ApiException e, HttpHeaders headers) {
    return errors.of(e, headers);
  }

  private Nav nav() {
    return Nav.of(caller.get(), caller.session());
  }
}
