package dev.ringgate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.kernel.ErrorCode;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body whose declared length is over {@code quarkus.http.limits.max-body-size} with a 413
 * problem before any of it is read. (A chunked body without a length is still cut off by the HTTP
 * layer at the same limit.)
 */
@Singleton
public class BodyLimit {
  private final long maxBytes;
  private final String problemJson;

  BodyLimit(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
      ObjectMapper json)
      throws JsonProcessingException {
    this.maxBytes = maxBodySize.asLongValue();
    this.problemJson =
        json.writeValueAsString(
            Problem.of(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "The body is larger than the limit of " + maxBytes + " bytes."));
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(-1000)
        .handler(
            ctx -> {
              String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
              if (length != null && isOver(length)) {
                ctx.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(problemJson);
                return;
              }
              ctx.next();
            });
  }

  private boolean isOver(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
