package dev.ringgate.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiClientTest {
  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private ApiClient client;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/products",
        exchange -> {
          seen.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          boolean bad = exchange.getRequestMethod().equals("POST");
          byte[] body =
              (bad
                      ? "{\"title\":\"Bad request\",\"status\":400,\"detail\":\"the request is not"
                          + " valid\",\"violations\":[{\"field\":\"id\",\"message\":\"must not be"
                          + " blank\"}]}"
                      : "{\"id\":\"sensor\",\"name\":\"Sensor\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add("Content-Type", bad ? "application/problem+json" : "application/json");
          exchange.getResponseHeaders().add("ETag", "\"v1\"");
          exchange.sendResponseHeaders(bad ? 400 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    client =
        ApiClient.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
            .withKey("rg_secret");
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  record Product(String id, String name) {}

  @Test
  void sendsTheBearerKeyAndReadsTheJsonAnswer() {
    // When
    Product product = client.get("/api/v1/products/sensor", Product.class);

    // Then
    assertThat(product).isEqualTo(new Product("sensor", "Sensor"));
    assertThat(seen).containsExactly("GET /api/v1/products/sensor Bearer rg_secret ");
  }

  @Test
  void sendsTheBodyAsJson() {
    // When
    client.post("/api/v1/products", Map.of("id", ""));

    // Then
    assertThat(seen).containsExactly("POST /api/v1/products Bearer rg_secret {\"id\":\"\"}");
  }

  @Test
  void aProblemAnswerSurfacesItsStatusTitleDetailAndViolations() {
    // When
    ApiProblemException problem =
        catchThrowableOfType(
            ApiProblemException.class,
            () -> client.post("/api/v1/products", Map.of("id", "")).expect(201));

    // Then
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.title()).isEqualTo("Bad request");
    assertThat(problem.detail()).isEqualTo("the request is not valid");
    assertThat(problem.violations())
        .containsExactly(new ApiProblemException.Violation("id", "must not be blank"));
    assertThat(problem)
        .hasMessage(
            "POST /api/v1/products answered 400: the request is not valid; id must not be blank");
  }

  @Test
  void theEtagOfTheAnswerIsKept() {
    assertThat(client.getIfNoneMatch("/api/v1/products/sensor", null).etag()).isEqualTo("\"v1\"");
  }
}
