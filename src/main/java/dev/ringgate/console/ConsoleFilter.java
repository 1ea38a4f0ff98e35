package dev.ringgate.console;

import dev.ringgate.kernel.TimeSource;
import dev.ringgate.security.Caller;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Authenticates every {@code /console} request from its session cookie and refuses every state
 * change that does not carry the session's CSRF token in {@code X-CSRF-Token} (htmx sends it with
 * each request, from the page's {@code hx-headers}). Without a session, a page redirects to the
 * sign-in form. The caller found here is the caller of the API key the session was opened with (or
 * of the OIDC token it was opened with), so the services apply exactly the rules of {@code
 * /api/v1}.
 */
public class ConsoleFilter {
  /** The header that carries the CSRF token. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  static final String SIGN_IN = "/console/sign-in";

  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final SessionCookies cookies;
  private final TimeSource time;

  ConsoleFilter(SessionCookies cookies, TimeSource time) {
    this.cookies = cookies;
    this.time = time;
  }

  @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
  public Response authenticate(ContainerRequestContext request) {
    String path = "/" + stripSlash(request.getUriInfo().getPath());
    if (!path.equals("/console") && !path.startsWith("/console/")) {
      return null;
    }
    boolean changes = !isSafe(request.getMethod());
    if (changes && !sameOrigin(request)) {
      return refuse(403, "The request came from another site.");
    }
    if (path.equals(SIGN_IN) || path.startsWith(SIGN_IN + "/")) {
      return null;
    }
    Optional<Session> session = session(request);
    Optional<Caller> caller = session.flatMap(cookies::caller);
    if (caller.isEmpty()) {
      return changes
          ? Response.status(401).header("HX-Redirect", SIGN_IN).build()
          : Response.seeOther(URI.create(SIGN_IN)).build();
    }
    if (changes && !csrfMatches(request, session.get())) {
      return refuse(403, "The request carried no valid CSRF token; reload the page and try again.");
    }
    request.setProperty(ConsoleCaller.CALLER, caller.get());
    request.setProperty(ConsoleCaller.SESSION, session.get());
    return null;
  }

  /**
   * Console answers are never cached, never framed, and run no script but the console's own files
   * (a strict Content-Security-Policy, a second wall behind the escaping of every value).
   */
  @ServerResponseFilter
  public void harden(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    if (path.startsWith("/console") || path.equals("/")) {
      response.getHeaders().putSingle("Cache-Control", "no-store");
      response.getHeaders().putSingle("X-Frame-Options", "DENY");
      response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
      response.getHeaders().putSingle("Referrer-Policy", "same-origin");
      response.getHeaders().putSingle("Content-Security-Policy", CSP);
    }
  }

  private Optional<Session> session(ContainerRequestContext request) {
    Cookie cookie = request.getCookies().get(SessionCookies.NAME);
    return cookie == null ? Optional.empty() : cookies.decode(cookie.getValue(), time.now());
  }

  private static boolean csrfMatches(ContainerRequestContext request, Session session) {
    String token = request.getHeaderString(CSRF_HEADER);
    return token != null
        && MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8),
            session.csrf().getBytes(StandardCharsets.UTF_8));
  }

  /** A browser names the page's origin on a cross-site request; it must be this server. */
  private static boolean sameOrigin(ContainerRequestContext request) {
    String origin = request.getHeaderString("Origin");
    if (origin == null) {
      return true;
    }
    String host = request.getHeaderString(HttpHeaders.HOST);
    try {
      URI uri = URI.create(origin);
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host != null && host.equalsIgnoreCase(authority);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isSafe(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  private static String stripSlash(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static Response refuse(int status, String message) {
    return Response.status(status)
        .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
        .entity(message)
        .build();
  }
}
