package dev.ringgate.console;

import dev.ringgate.kernel.TimeSource;
import dev.ringgate.security.ApiKeyRegistry;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Signing in with an API key, which is exchanged for a session cookie (the key itself is never
 * stored in the browser), signing out, and the start page of each role.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class SignInPages {
  @CheckedTemplate(basePath = "console")
  record signIn(String error) implements TemplateInstance {}

  private final ApiKeyRegistry keys;
  private final SessionCookies cookies;
  private final ConsoleCaller caller;
  private final TimeSource time;

  SignInPages(ApiKeyRegistry keys, SessionCookies cookies, ConsoleCaller caller, TimeSource time) {
    this.keys = keys;
    this.cookies = cookies;
    this.caller = caller;
    this.time = time;
  }

  /** Each role's start page. */
  @GET
  public Response home() {
    Caller who = caller.get();
    String start =
        switch (who.role()) {
          case VENDOR -> "/console/rollouts";
          case FLEET_ADMIN -> "/console/tenants/" + who.tenantId() + "/approvals";
          default -> "/console/accounts";
        };
    return Response.seeOther(URI.create(start)).build();
  }

  @GET
  @Path("/sign-in")
  public TemplateInstance form() {
    return new signIn(null);
  }

  @POST
  @Path("/sign-in")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(@RestForm String key) {
    String given = key == null ? "" : key.strip();
    Optional<Caller> who =
        given.isEmpty() || given.length() > 8192 ? Optional.empty() : keys.authenticate(given);
    if (who.isEmpty() || who.get().is(Role.DEVICE)) {
      String error =
          who.isEmpty()
              ? "This API key is unknown or was revoked."
              : "Device keys cannot sign in to the console.";
      return Response.status(401).entity(new signIn(error).render()).build();
    }
    Session session = cookies.open(who.get().actor().id(), time.now());
    return Response.seeOther(URI.create("/console"))
        .header(HttpHeaders.SET_COOKIE, cookies.setCookie(session))
        .build();
  }

  @POST
  @Path("/sign-out")
  public Response signOut() {
    return Response.ok()
        .header(HttpHeaders.SET_COOKIE, cookies.clearCookie())
        .header("HX-Redirect", ConsoleFilter.SIGN_IN)
        .build();
  }
}
