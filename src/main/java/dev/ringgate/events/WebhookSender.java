package dev.ringgate.events;

import dev.ringgate.events.WebhookStore.Due;
import dev.ringgate.kernel.BackgroundLoop;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Delivers due webhook deliveries: each is claimed first (its next attempt moved past the attempt's
 * timeout, so no other replica sends it meanwhile, and a replica that dies mid-attempt leaves it to
 * be tried again: at least once), posted with its signature, and recorded: delivered on a 2xx
 * answer, otherwise tried again after a backoff that doubles from {@code initial-backoff} up to
 * {@code max-backoff}, and given up after {@code max-attempts}. Redirects are not followed.
 */
@ApplicationScoped
public class WebhookSender {
  private static final Logger LOG = Logger.getLogger(WebhookSender.class);
  static final int BATCH = 100;
  private static final int MAX_ERROR = 1000;

  private final Store store;
  private final WebhookStore hooks;
  private final WebhookConfig config;
  private final TimeSource time;
  private final WebhookBodies bodies;
  private final MeterRegistry meters;
  private final HttpClient http;
  private BackgroundLoop loop;

  WebhookSender(
      Store store,
      WebhookStore hooks,
      WebhookConfig config,
      TimeSource time,
      WebhookBodies bodies,
      MeterRegistry meters) {
    this.store = store;
    this.hooks = hooks;
    this.config = config;
    this.time = time;
    this.bodies = bodies;
    this.meters = meters;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    for (String result : List.of("delivered", "failed", "given-up")) {
      attempts(result);
    }
  }

  void start(@Observes StartupEvent event) {
    Duration interval = BackgroundLoop.atLeast(config.pollInterval(), Duration.ofMillis(20));
    loop = BackgroundLoop.start("ringgate-webhook-sender", interval, this::sendDue);
  }

  void stop(@Observes ShutdownEvent event) {
    BackgroundLoop.stop(loop);
  }

  private void sendDue() {
    try {
      Instant now = time.now();
      List<Due> claimed = new ArrayList<>();
      for (Due due : store.read(c -> hooks.due(c, now, BATCH))) {
        Instant lease = now.plus(config.timeout()).plusSeconds(30);
        if (store.inTransaction(c -> hooks.claim(c, due.id(), now, lease))) {
          claimed.add(due);
        }
      }
      List<CompletableFuture<Void>> attempts = new ArrayList<>();
      for (Due due : claimed) {
        attempts.add(attempt(due));
      }
      CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      LOG.debugf("webhook deliveries not attempted, will retry: %s", e.getMessage());
    }
  }

  private CompletableFuture<Void> attempt(Due due) {
    HttpRequest request;
    try {
      URI uri = URI.create(due.url());
      if (!config.allowPrivateAddresses()) {
        String refused = WebhookUrls.internalAddress(uri.getHost());
        if (refused != null) {
          record(due, null, "refused: the host " + refused);
          return CompletableFuture.completedFuture(null);
        }
      }
      String body = bodies.body(due.format(), due.payload());
      long at = time.now().getEpochSecond();
      request =
          HttpRequest.newBuilder(uri)
              .timeout(config.timeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", "Ringgate-Webhooks/1")
              .header(WebhookSignature.HEADER, WebhookSignature.header(due.secret(), at, body))
              .header("Ringgate-Event", due.type())
              .header("Ringgate-Event-Id", due.eventId())
              .header("Ringgate-Delivery", Long.toString(due.id()))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
    } catch (RuntimeException e) {
      record(due, null, describe(e));
      return CompletableFuture.completedFuture(null);
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              if (error != null) {
                record(due, null, describe(error));
              } else if (response.statusCode() / 100 == 2) {
                record(due, response.statusCode(), null);
              } else {
                record(due, response.statusCode(), "HTTP " + response.statusCode());
              }
              return null;
            });
  }

  /** Records an attempt's outcome: delivered when {@code error} is null. */
  private void record(Due due, Integer status, String error) {
    Instant now = time.now();
    try {
      if (error == null) {
        store.inTransaction(
            c -> {
              hooks.delivered(c, due.id(), now, status);
              return null;
            });
        attempts("delivered").increment();
        return;
      }
      int made = due.attempts() + 1;
      Instant next = made >= config.maxAttempts() ? null : now.plus(backoff(made));
      String message = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
      store.inTransaction(
          c -> {
            hooks.failed(c, due.id(), now, status, message, next);
            return null;
          });
      attempts(next == null ? "given-up" : "failed").increment();
      LOG.debugf("webhook delivery %d failed (attempt %d): %s", due.id(), made, message);
    } catch (RuntimeException e) {
      // the claim runs out and the delivery is attempted again
      LOG.warnf("outcome of webhook delivery %d not recorded: %s", due.id(), e.getMessage());
    }
  }

  /** The wait after {@code attempts} failed attempts: doubling, capped. */
  Duration backoff(int attempts) {
    Duration wait = config.initialBackoff();
    for (int i = 1; i < attempts && wait.compareTo(config.maxBackoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
  }

  private Counter attempts(String result) {
    return Counter.builder("ringgate.webhook.deliveries")
        .description(
            "Webhook delivery attempts: delivered, failed (tried again later), given-up (the last"
                + " attempt failed)")
        .tag("result", result)
        .register(meters);
  }

  private static String describe(Throwable error) {
    Throwable cause =
        error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause()
            : error;
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
