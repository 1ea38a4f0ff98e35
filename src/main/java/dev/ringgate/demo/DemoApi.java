package dev.ringgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.kernel.ApiClient;
import dev.ringgate.kernel.ApiProblemException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The service's own HTTP API on localhost, called as its users call it ({@link ApiClient}), with
 * the credential of the demo's actor at hand for each call.
 */
final class DemoApi {
  private final ApiClient client;

  DemoApi(URI base, Executor executor) {
    this.client =
        ApiClient.builder(base)
            .connectTimeout(Duration.ofSeconds(5))
            .timeout(Duration.ofSeconds(15))
            .executor(executor)
            .build();
  }

  /** An answer; {@link #expect} names the demo's step when the answer is not the expected one. */
  record Reply(ApiClient.Reply reply) {
    int status() {
      return reply.status();
    }

    boolean is(int expected) {
      return reply.is(expected);
    }

    JsonNode body() {
      return reply.body();
    }

    String etag() {
      return reply.etag();
    }

    /** The body, when the status is one of {@code expected}; else an exception that says why. */
    JsonNode expect(String what, int... expected) {
      try {
        return reply.expect(expected);
      } catch (ApiProblemException e) {
        throw new DemoException(what + ": " + e.getMessage());
      }
    }
  }

  URI base() {
    return client.base();
  }

  Reply get(String key, String path) {
    return new Reply(client.withKey(key).get(path));
  }

  /** A GET that sends {@code etag} in If-None-Match, when there is one. */
  Reply get(String key, String path, String etag) {
    return new Reply(client.withKey(key).getIfNoneMatch(path, etag));
  }

  Reply post(String key, String path, Object body) {
    return new Reply(client.withKey(key).post(path, body));
  }

  Reply put(String key, String path, Object body) {
    return new Reply(client.withKey(key).put(path, body));
  }
}
