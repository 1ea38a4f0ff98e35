package dev.ringgate.console;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.Violation;
import dev.ringgate.policy.PolicyService;
import dev.ringgate.policy.api.PolicyRequest;
import dev.ringgate.policy.api.PolicyView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A tenant's policy for one product, as a form. The submitted form is checked by the same rules as
 * {@code PUT /api/v1/tenants/{tenantId}/policies/{productId}}: the request's constraints, then the
 * service's; each refusal is shown next to its field.
 */
@Path("/console/tenants/{tenantId}/policies/{productId}")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class PolicyPages {
  @CheckedTemplate(basePath = "console")
  record policy(Nav nav, PolicyForm form) implements TemplateInstance {}

  @CheckedTemplate(basePath = "console")
  record policyForm(PolicyForm form) implements TemplateInstance {}

  private final PolicyService policies;
  private final Validator validator;
  private final ConsoleCaller caller;
  private final ErrorPages errors;

  PolicyPages(
      PolicyService policies, Validator validator, ConsoleCaller caller, ErrorPages errors) {
    this.policies = policies;
    this.validator = validator;
    this.caller = caller;
    this.errors = errors;
  }

  @GET
  public TemplateInstance show(
      @PathParam("tenantId") String tenantId, @PathParam("productId") String productId) {
    PolicyView view = policies.get(caller.get(), tenantId, productId);
    return new policy(Nav.of(caller.get(), caller.session()), PolicyForms.of(view, null));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance save(
      @PathParam("tenantId") String tenantId,
      @PathParam("productId") String productId,
      MultivaluedMap<String, String> form) {
    Map<String, String> refused = new LinkedHashMap<>();
    List<Integer> rows = new ArrayList<>();
    PolicyRequest request = PolicyForms.request(form, refused, rows);
    if (refused.isEmpty()) {
      for (ConstraintViolation<PolicyRequest> v : validator.validate(request)) {
        refused.merge(v.getPropertyPath().toString(), v.getMessage(), (a, b) -> a + "; " + b);
      }
    }
    if (refused.isEmpty()) {
      try {
        PolicyView view = policies.put(caller.get(), tenantId, productId, request);
        return new policyForm(PolicyForms.of(view, "Saved."));
      } catch (ApiException e) {
        if (!isAboutTheForm(e)) {
          throw e;
        }
        if (e.violations().isEmpty()) {
          refused.put("policy", e.getMessage());
        }
        for (Violation v : e.violations()) {
          refused.merge(v.field(), v.message(), (a, b) -> a + "; " + b);
        }
      }
    }
    return new policyForm(PolicyForms.refused(tenantId, productId, form, refused, rows));
  }

  /** A refusal of what was typed, as opposed to one of the caller or the state (shown as pages). */
  private static boolean isAboutTheForm(ApiException e) {
    return e.code() == dev.ringgate.kernel.ErrorCode.INVALID_REQUEST
        || e.code() == dev.ringgate.kernel.ErrorCode.UNPROCESSABLE;
  }

  @ServerExceptionMapper
  Response refused(ApiException e, HttpHeaders headers) {
    return errors.of(e, headers);
  }
}
