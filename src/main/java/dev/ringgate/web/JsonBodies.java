package dev.ringgate.web;

import dev.ringgate.kernel.ErrorCode;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one rule for request bodies, for every resource: a body is JSON in UTF-8, sent as {@code
 * Content-Type: application/json} with no parameter but an optional {@code charset=UTF-8} (both
 * case-insensitive). Anything else with a body ({@code text/plain}, any type, {@code
 * application/json-patch+json}, {@code application/problem+json}, another charset) is a 415.
 *
 * <p>A write without a Content-Type, or without a body whatever its Content-Type (a plain {@code
 * curl -X POST}), is read as JSON rather than refused: an empty body is optional or refused by
 * validation, with its field named. Runs after authentication. The web console's forms are the one
 * exception ({@link #isConsole}).
 */
public class JsonBodies {
  static final String JSON = "application/json";

  @ServerRequestFilter(preMatching = true, priority = Priorities.HEADER_DECORATOR)
  public Response requireJson(ContainerRequestContext request) {
    String method = request.getMethod();
    if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
      return null;
    }
    if (isConsole(request.getUriInfo().getPath())) {
      return null;
    }
    String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (type == null || !hasBody(request)) {
      request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, JSON);
      return null;
    }
    if (isJsonInUtf8(type)) {
      return null;
    }
    return ProblemMappers.respond(
        Problem.of(
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            "Send the body as 'Content-Type: application/json' in UTF-8, not '"
                + printable(type)
                + "'."));
  }

  /**
   * The web console's pages post HTML forms ({@code application/x-www-form-urlencoded}); their
   * resources declare what they consume, and the console checks its own requests.
   */
  private static boolean isConsole(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    return p.equals("/console") || p.startsWith("/console/");
  }

  private static boolean hasBody(ContainerRequestContext request) {
    String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return request.getHeaderString("Transfer-Encoding") != null;
    }
    return !"0".equals(length.trim());
  }

  /** {@code application/json}, with at most a {@code charset} parameter naming UTF-8. */
  static boolean isJsonInUtf8(String contentType) {
    String[] parts = contentType.split(";", -1);
    if (!parts[0].trim().equalsIgnoreCase(JSON)) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      int equals = parameter.indexOf('=');
      if (equals < 0) {
        return false;
      }
      String name = parameter.substring(0, equals).trim();
      String value = parameter.substring(equals + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      if (!name.equalsIgnoreCase("charset") || !value.equalsIgnoreCase("utf-8")) {
        return false;
      }
    }
    return true;
  }

  /** The header as sent, cut short and without control characters, for the problem's detail. */
  private static String printable(String text) {
    String shown = text.length() > 100 ? text.substring(0, 100) + "…" : text;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
