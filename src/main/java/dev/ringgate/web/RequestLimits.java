package dev.ringgate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.kernel.ErrorCode;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request-line and header limits, answered as problems: 414 for a URI longer than {@code
 * ringgate.http.max-uri-length}, 431 for headers larger than {@code ringgate.http.max-header-size}.
 *
 * <p>The HTTP parser answers requests it refuses itself (over {@code
 * quarkus.http.limits.max-initial-line-length} / {@code max-header-size}, or with a NUL or another
 * forbidden character in a header) with an empty body, before any handler of the application runs,
 * and Quarkus 3.33 offers no hook for those answers. So the parser's limits are set well above
 * these ones, and the limits callers meet are enforced here.
 */
@Singleton
public class RequestLimits {
  private final int maxUriLength;
  private final long maxHeaderBytes;
  private final String uriTooLong;
  private final String headersTooLarge;

  RequestLimits(
      @ConfigProperty(name = "ringgate.http.max-uri-length", defaultValue = "4096")
          int maxUriLength,
      @ConfigProperty(name = "ringgate.http.max-header-size", defaultValue = "20K")
          MemorySize maxHeaderSize,
      ObjectMapper json)
      throws JsonProcessingException {
    this.maxUriLength = maxUriLength;
    this.maxHeaderBytes = maxHeaderSize.asLongValue();
    this.uriTooLong =
        json.writeValueAsString(
            Problem.of(
                ErrorCode.URI_TOO_LONG,
                "The request URI is longer than " + maxUriLength + " characters."));
    this.headersTooLarge =
        json.writeValueAsString(
            Problem.of(
                ErrorCode.HEADERS_TOO_LARGE,
                "The request headers are larger than " + maxHeaderBytes + " bytes."));
  }

  void install(@Observes Router router) {
    router.route().order(-2000).handler(this::check);
  }

  private void check(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.uri().length() > maxUriLength) {
      refuse(ctx, 414, uriTooLong);
    } else if (headerBytes(request.headers()) > maxHeaderBytes) {
      refuse(ctx, 431, headersTooLarge);
    } else {
      ctx.next();
    }
  }

  private static long headerBytes(MultiMap headers) {
    long bytes = 0;
    for (Map.Entry<String, String> header : headers) {
      bytes += header.getKey().length() + header.getValue().length() + 4;
    }
    return bytes;
  }

  private static void refuse(RoutingContext ctx, int status, String problem) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(problem);
  }
}
