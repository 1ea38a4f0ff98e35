package dev.ringgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Over-long URIs and oversized headers are answered as problems, like every other error. */
@QuarkusTest
class RequestLimitsTest {

  /** Sends {@code head} as written on a fresh connection and returns the whole answer. */
  private static String raw(String head) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private static String request(String target, String extraHeader) {
    return "GET "
        + target
        + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + extraHeader
        + "\r\n";
  }

  @Test
  void aUriLongerThanTheLimitIs414Problem() throws IOException {
    // When
    String answer = raw(request("/api/v1/vendors?q=" + "a".repeat(5000), ""));

    // Then
    assertThat(answer).startsWith("HTTP/1.1 414");
    assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
    assertThat(answer).contains("\"type\":\"https://ringgate.dev/problems/uri-too-long\"");
  }

  @Test
  void headersLargerThanTheLimitAre431Problem() throws IOException {
    // When
    String answer = raw(request("/api/v1/vendors", "X-Padding: " + "a".repeat(25_000) + "\r\n"));

    // Then
    assertThat(answer).startsWith("HTTP/1.1 431");
    assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
    assertThat(answer).contains("\"type\":\"https://ringgate.dev/problems/headers-too-large\"");
  }

  @Test
  void aRequestWithinTheLimitsIsServed() throws IOException {
    String answer =
        raw(
            request(
                "/api/v1/vendors?q=" + "a".repeat(3000),
                "X-Padding: " + "a".repeat(10_000) + "\r\n"));
    assertThat(answer).startsWith("HTTP/1.1 401");
  }
}
