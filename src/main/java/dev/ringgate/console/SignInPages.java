package dev.ringgate.console;

import dev.ringgate.kernel.TimeSource;
import dev.ringgate.security.ApiKeyRegistry;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Signing in with an API key, which is exchanged for a session cookie (the key itself is never
 * stored in the browser), or through the OIDC provider when one is configured ({@link OidcSignIn});
 * signing out; and the start page of each role.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class SignInPages {
  private static final Logger LOG = Logger.getLogger(SignInPages.class);

  @CheckedTemplate(basePath = "console")
  record signIn(String error, String provider) implements TemplateInstance {}

  /**
   * After an OIDC sign-in: a page of ours that moves on to the console, so that the next request
   * starts on this site and the SameSite=Strict session cookie goes with it (it would not on a
   * redirect chain that began at the provider).
   */
  @CheckedTemplate(basePath = "console")
  record signedIn(String who) implements TemplateInstance {}

  private final ApiKeyRegistry keys;
  private final SessionCookies cookies;
  private final ConsoleCaller caller;
  private final TimeSource time;
  private final OidcSignIn oidc;

  SignInPages(
      ApiKeyRegistry keys,
      SessionCookies cookies,
      ConsoleCaller caller,
      TimeSource time,
      OidcSignIn oidc) {
    this.keys = keys;
    this.cookies = cookies;
    this.caller = caller;
    this.time = time;
    this.oidc = oidc;
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
    return new signIn(null, oidc.providerName());
  }

  /** Starts an OIDC sign-in: off to the provider, with the flow's state in a cookie. */
  @GET
  @Path("/sign-in/oidc")
  @Blocking
  public Response startOidc(@Context UriInfo uri) {
    if (!oidc.enabled()) {
      return Response.status(404).entity(new signIn(null, null).render()).build();
    }
    try {
      OidcSignIn.Start start = oidc.start(uri.getBaseUri(), time.now());
      return Response.seeOther(start.location())
          .header(HttpHeaders.SET_COOKIE, start.setCookie())
          .build();
    } catch (IOException | RuntimeException e) {
      LOG.warnf("OIDC sign-in could not start: %s", e.getMessage());
      return refused(503, "The identity provider could not be reached; try again later.");
    }
  }

  /** The provider sends the browser back here with a code, which is exchanged for a session. */
  @GET
  @Path("/sign-in/oidc/callback")
  @Blocking
  public Response finishOidc(
      @Context UriInfo uri,
      @RestQuery String code,
      @RestQuery String state,
      @RestQuery String error,
      @RestCookie(OidcSignIn.COOKIE) String flow) {
    if (!oidc.enabled()) {
      return Response.status(404).entity(new signIn(null, null).render()).build();
    }
    OidcSignIn.Outcome outcome =
        oidc.finish(uri.getBaseUri(), code, state, error, flow, time.now());
    if (outcome.caller().isEmpty()) {
      return refused(401, outcome.refusal());
    }
    Caller who = outcome.caller().get();
    Session session = cookies.open(who, time.now());
    return Response.ok(new signedIn(Nav.of(who, session).who()).render())
        .header(HttpHeaders.SET_COOKIE, cookies.setCookie(session))
        .header(HttpHeaders.SET_COOKIE, oidc.clearFlowCookie())
        .build();
  }

  private Response refused(int status, String message) {
    return Response.status(status)
        .entity(new signIn(message, oidc.providerName()).render())
        .header(HttpHeaders.SET_COOKIE, oidc.clearFlowCookie())
        .build();
  }

  @POST
  @Path("/sign-in")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(@RestForm String key) {
    String given = key == null ? "" : key.strip();
    Optional<Caller> who =
        given.isEmpty() || given.length() > 8192 ? Optional.empty() : keys.authenticate(given);
    if (who.isEmpty() || who.get().is(Role.DEVICE) || who.get().is(Role.RELAY)) {
      String error =
          who.isEmpty()
              ? "This API key is unknown or was revoked."
              : "Device keys cannot sign in to the console.";
      return Response.status(401).entity(new signIn(error, oidc.providerName()).render()).build();
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
