package dev.ringgate.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A client of the Ringgate HTTP API as its users call it: a base URL, a bearer key, JSON in and out
 * (Jackson), and answers other than the expected ones as {@link ApiProblemException}s that carry
 * the problem's status, title, detail and violations. Built on {@code java.net.http}; no framework.
 * Immutable and thread-safe; {@link #withKey} gives a client that shares the connections.
 */
public final class ApiClient {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final HttpClient http;
  private final URI base;
  private final String key;
  private final Duration timeout;

  private ApiClient(HttpClient http, URI base, String key, Duration timeout) {
    this.http = http;
    this.base = base;
    this.key = key;
    this.timeout = timeout;
  }

  /** A client of the API at {@code base} (e.g. {@code http://localhost:8080}), with no key. */
  public static ApiClient of(URI base) {
    return builder(base).build();
  }

  public static Builder builder(URI base) {
    return new Builder(base);
  }

  /** How a client is made. */
  public static final class Builder {
    private final URI base;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration timeout = Duration.ofSeconds(30);
    private Executor executor;

    private Builder(URI base) {
      String text = base.toString().replaceAll("/+$", "");
      this.base = URI.create(text + "/");
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** How long a request may take, answer included. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Where the HTTP client runs its work (default: its own). */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    public ApiClient build() {
      HttpClient.Builder http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(connectTimeout);
      if (executor != null) {
        http.executor(executor);
      }
      return new ApiClient(http.build(), base, null, timeout);
    }
  }

  /** The same client with another bearer key (null: none). */
  public ApiClient withKey(String key) {
    return new ApiClient(http, base, key, timeout);
  }

  /** The base URL, ending in a slash. */
  public URI base() {
    return base;
  }

  /** The mapper the client reads and writes JSON with. */
  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * An answer: its status, its JSON body (a missing node when there is none) and its ETag, and the
   * request it answers ({@code GET /api/v1/...}).
   */
  public record Reply(String request, int status, JsonNode body, String etag) {
    public boolean is(int expected) {
      return status == expected;
    }

    /** The body, when the status is one of {@code expected}; else the problem. */
    public JsonNode expect(int... expected) {
      for (int e : expected) {
        if (status == e) {
          return body;
        }
      }
      throw problem();
    }

    /** The body as {@code type}, when the status is one of {@code expected}; else the problem. */
    public <T> T expect(Class<T> type, int... expected) {
      try {
        return JSON.treeToValue(expect(expected), type);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(request + ": unexpected body", e);
      }
    }

    /** This answer as an exception: what its problem+json body says, if it has one. */
    public ApiProblemException problem() {
      List<ApiProblemException.Violation> violations = new ArrayList<>();
      for (JsonNode v : body.path("violations")) {
        violations.add(
            new ApiProblemException.Violation(
                v.path("field").asText(null), v.path("message").asText(null)));
      }
      return new ApiProblemException(
          request,
          status,
          body.path("title").asText(null),
          body.path("detail").asText(null),
          violations);
    }
  }

  /** {@code GET path}. */
  public Reply get(String path) {
    return send(request(path).GET());
  }

  /** {@code GET path} with {@code If-None-Match: etag} when {@code etag} is not null. */
  public Reply getIfNoneMatch(String path, String etag) {
    HttpRequest.Builder request = request(path).GET();
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    return send(request);
  }

  /** {@code GET path}, expecting 200, as {@code type}. */
  public <T> T get(String path, Class<T> type) {
    return get(path).expect(type, 200);
  }

  /**
   * {@code GET path} accepting {@code accept} (e.g. {@code application/x-ndjson}): the body as text
   * when the answer is 200, else the problem.
   */
  public String getText(String path, String accept) {
    HttpRequest request = request(path).setHeader("Accept", accept).GET().build();
    String what = "GET /" + base.relativize(request.uri());
    HttpResponse<byte[]> response = exchange(what, request);
    if (response.statusCode() == 200) {
      return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
    return reply(what, response).expect(200).asText();
  }

  /** {@code POST path} with {@code body} as JSON. */
  public Reply post(String path, Object body) {
    return send(request(path).POST(json(body)));
  }

  /** {@code PUT path} with {@code body} as JSON. */
  public Reply put(String path, Object body) {
    return send(request(path).PUT(json(body)));
  }

  /** {@code DELETE path}. */
  public Reply delete(String path) {
    return send(request(path).DELETE());
  }

  /** {@code DELETE path} with {@code body} as JSON (a reason, for the audit log). */
  public Reply delete(String path, Object body) {
    return send(request(path).method("DELETE", json(body)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return request;
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON: " + body, e);
    }
  }

  private Reply send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    String what = request.method() + " /" + base.relativize(request.uri());
    return reply(what, exchange(what, request));
  }

  private HttpResponse<byte[]> exchange(String what, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(what + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    }
  }

  private static Reply reply(String what, HttpResponse<byte[]> response) {
    byte[] bytes = response.body();
    JsonNode body = MissingNode.getInstance();
    if (bytes.length > 0) {
      try {
        body = JSON.readTree(bytes);
      } catch (IOException e) {
        body = MissingNode.getInstance();
      }
    }
    return new Reply(
        what, response.statusCode(), body, response.headers().firstValue("ETag").orElse(null));
  }
}
