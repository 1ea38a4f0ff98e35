package dev.ringgate.account.api;

import dev.ringgate.account.Account;
import dev.ringgate.account.AccountKind;
import dev.ringgate.account.AccountService;
import dev.ringgate.account.CreateAccountRequest;
import dev.ringgate.security.CurrentCaller;
import dev.ringgate.web.QueryParams;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

/** Tenants, created by operators. */
@Path("/api/v1/tenants")
@Tag(name = "Operator")
@SecurityRequirement(name = "bearer")
public class TenantResource {
  private final AccountService accounts;
  private final CurrentCaller caller;

  TenantResource(AccountService accounts, CurrentCaller caller) {
    this.accounts = accounts;
    this.caller = caller;
  }

  @POST
  @ResponseStatus(201)
  @Operation(summary = "Create a tenant")
  public Account create(@Valid @NotNull CreateAccountRequest body) {
    return accounts.create(caller.get(), AccountKind.TENANT, body);
  }

  @GET
  @Operation(summary = "List tenants")
  public List<Account> list(
      @QueryParam("before") String before, @QueryParam("limit") String limit) {
    return accounts.list(
        caller.get(), AccountKind.TENANT, before, QueryParams.limit("limit", limit, 100, 1000));
  }

  @GET
  @Path("/{tenantId}")
  @Operation(summary = "Get a tenant (operators, or its fleet admins)")
  public Account get(@PathParam("tenantId") String tenantId) {
    return accounts.get(caller.get(), AccountKind.TENANT, tenantId);
  }
}
