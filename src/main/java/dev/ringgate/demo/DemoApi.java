package dev.ringgate.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The service's own HTTP API on localhost, called as its users call it: JSON bodies, a bearer
 * credential, and the status codes of the contract.
 */
final class DemoApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final HttpClient http;
  private final URI base;

  DemoApi(URI base, Executor executor) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
  }

  /** An answer: its status, its JSON body (missing when there is none) and its ETag. */
  record Reply(int status, JsonNode body, String etag) {
    boolean is(int expected) {
      return status == expected;
    }

    /** The body, when the status is one of {@code expected}; else an exception that says why. */
    JsonNode expect(String what, int... expected) {
      for (int e : expected) {
        if (status == e) {
          return body;
        }
      }
      throw new DemoException(what + ": HTTP " + status + " " + body.path("detail").asText(""));
    }
  }

  URI base() {
    return base;
  }

  Reply get(String key, String path) {
    return send(request(key, path).GET().build());
  }

  /** A GET that sends {@code etag} in If-None-Match, when there is one. */
  Reply get(String key, String path, String etag) {
    HttpRequest.Builder request = request(key, path).GET();
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    return send(request.build());
  }

  Reply post(String key, String path, Object body) {
    return send(request(key, path).POST(json(body)).build());
  }

  Reply put(String key, String path, Object body) {
    return send(request(key, path).PUT(json(body)).build());
  }

  private HttpRequest.Builder request(String key, String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json");
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON: " + body, e);
    }
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      byte[] bytes = response.body();
      JsonNode body = bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
      return new Reply(
          response.statusCode(), body, response.headers().firstValue("ETag").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted");
    }
  }
}
