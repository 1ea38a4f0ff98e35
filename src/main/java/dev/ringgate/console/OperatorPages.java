package dev.ringgate.console;

import dev.ringgate.account.Account;
import dev.ringgate.account.AccountKind;
import dev.ringgate.account.AccountService;
import dev.ringgate.account.CreateAccountRequest;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.Violation;
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
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The operator's vendors and tenants (keys: {@link KeyPages}, audit log: {@link AuditPages}). */
@Path("/console/accounts")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class OperatorPages {
  @CheckedTemplate(basePath = "console")
  record accounts(Nav nav, List<Account> vendors, List<Account> tenants)
      implements TemplateInstance {}

  private final AccountService accountService;
  private final Validator validator;
  private final ConsoleCaller caller;
  private final ErrorPages errors;

  OperatorPages(
      AccountService accountService, Validator validator, ConsoleCaller caller, ErrorPages errors) {
    this.accountService = accountService;
    this.validator = validator;
    this.caller = caller;
    this.errors = errors;
  }

  @GET
  public TemplateInstance accounts() {
    return new accounts(
        nav(),
        accountService.list(caller.get(), AccountKind.VENDOR, null, 500),
        accountService.list(caller.get(), AccountKind.TENANT, null, 500));
  }

  @POST
  @Path("/{kind:vendors|tenants}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response createAccount(
      @PathParam("kind") String kind,
      @RestForm String id,
      @RestForm String name,
      @RestForm String reason) {
    CreateAccountRequest request =
        valid(
            validator,
            new CreateAccountRequest(strip(id), strip(name), FleetPages.blankToNull(reason)));
    accountService.create(
        caller.get(), kind.equals("vendors") ? AccountKind.VENDOR : AccountKind.TENANT, request);
    return Response.ok().header("HX-Redirect", "/console/accounts").build();
  }

  @ServerExceptionMapper
  Response refused(ApiException e, HttpHeaders headers) {
    return errors.of(e, headers);
  }

  /** {@code request} if it satisfies its constraints, as the API checks them; else a 400. */
  static <T> T valid(Validator validator, T request) {
    Set<ConstraintViolation<T>> refused = validator.validate(request);
    if (!refused.isEmpty()) {
      List<Violation> violations = new ArrayList<>();
      refused.forEach(
          v -> violations.add(new Violation(v.getPropertyPath().toString(), v.getMessage())));
      throw ApiException.invalid(violations);
    }
    return request;
  }

  private Nav nav() {
    return Nav.of(caller.get(), caller.session());
  }

  static String strip(String value) {
    return value == null ? "" : value.strip();
  }
}
