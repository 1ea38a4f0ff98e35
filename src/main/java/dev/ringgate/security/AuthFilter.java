package dev.ringgate.security;

import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.web.Problem;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /api/v1} request from its {@code Authorization: Bearer} header: an API
 * key from memory, or a JWT. No valid credential: 401. What the caller may do is decided by the
 * services ({@link Access}).
 */
public class AuthFilter {
  private static final String BEARER = "Bearer ";

  private final ApiKeyRegistry keys;
  private final JwtAuthenticator jwt;

  AuthFilter(ApiKeyRegistry keys, JwtAuthenticator jwt) {
    this.keys = keys;
    this.jwt = jwt;
  }

  /**
   * Runs before the request is matched to a resource, so that a caller without a valid credential
   * learns nothing about which paths and methods exist: every {@code /api/v1} request without one
   * is a 401, never a 404 or 405.
   */
  @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
  public Response authenticate(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/api/v1") && !path.startsWith("api/v1")) {
      return null;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return unauthenticated("Send 'Authorization: Bearer <API key or token>'.");
    }
    String token = header.substring(BEARER.length()).trim();
    if (token.isEmpty() || token.length() > 8192) {
      return unauthenticated("The bearer token is empty or too long.");
    }
    Optional<Caller> caller = keys.authenticate(token);
    if (caller.isEmpty() && JwtAuthenticator.looksLikeJwt(token)) {
      JwtAuthenticator.Result result = jwt.authenticate(token);
      if (result.caller().isEmpty()) {
        return unauthenticated("The token was refused: " + result.refusal() + ".");
      }
      caller = result.caller();
      String unknown = keys.unknownScope(caller.get());
      if (unknown != null) {
        return unauthenticated("The token was refused: " + unknown + ".");
      }
    }
    if (caller.isEmpty()) {
      return unauthenticated("The API key is unknown or was revoked.");
    }
    request.setProperty(CurrentCaller.PROPERTY, caller.get());
    return null;
  }

  private static Response unauthenticated(String detail) {
    return Response.status(401)
        .type(Problem.MEDIA_TYPE)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ringgate\"")
        .entity(Problem.of(ErrorCode.UNAUTHENTICATED, detail))
        .build();
  }
}
