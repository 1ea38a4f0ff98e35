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

/** Vendors, created by operators. */
@Path("/api/v1/vendors")
@Tag(name = "Operator")
@SecurityRequirement(name = "bearer")
public class VendorResource {
  private final AccountService accounts;
  private final CurrentCaller caller;

  VendorResource(AccountService accounts, CurrentCaller caller) {
    this.accounts = accounts;
    this.caller = caller;
  }

  @POST
  @ResponseStatus(201)
  @Operation(summary = "Create a vendor")
  public Account create(@Valid @NotNull CreateAccountRequest body) {
    return accounts.create(caller.get(), AccountKind.VENDOR, body);
  }

  @GET
  @Operation(summary = "List vendors")
  public List<Account> list(
      @QueryParam("before") String before, @QueryParam("limit") String limit) {
    return accounts.list(
        caller.get(), AccountKind.VENDOR, before, QueryParams.limit("limit", limit, 100, 1000));
  }

  @GET
  @Path("/{vendorId}")
  @Operation(summary = "Get a vendor (operators, or the vendor itself)")
  public Account get(@PathParam("vendorId") String vendorId) {
    return accounts.get(caller.get(), AccountKind.VENDOR, vendorId);
  }
}
