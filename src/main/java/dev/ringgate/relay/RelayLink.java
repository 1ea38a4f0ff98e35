package dev.ringgate.relay;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.kernel.Threads;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The relay's two links to the upstream, each on its own thread: sync (a long poll that takes each
 * new signed document as soon as the upstream has it) and forwarding (the spool, in order). A
 * network error or a 5xx is waited out and never stops the relay serving; a 401 or 403 means its
 * key was revoked, and decisions stop until the upstream accepts it again.
 */
@Singleton
public class RelayLink {
  private static final Logger LOG = Logger.getLogger(RelayLink.class);
  private static final int BATCH = 500;
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final RelayConfig config;
  private final RelayState state;
  private final ObjectMapper json;
  private final MeterRegistry meters;
  private final ArtifactMirror mirror;
  private volatile RelaySpool spool;
  private volatile boolean running;
  private HttpClient http;
  private ExecutorService threads;

  RelayLink(
      RelayConfig config,
      RelayState state,
      ObjectMapper json,
      MeterRegistry meters,
      ArtifactMirror mirror) {
    this.config = config;
    this.mirror = mirror;
    this.state = state;
    this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    this.meters = meters;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    if (config.upstream().isEmpty() || config.key().isEmpty()) {
      throw new IllegalStateException(
          "a relay needs ringgate.relay.upstream (RINGGATE_RELAY_UPSTREAM) and ringgate.relay.key"
              + " (RINGGATE_RELAY_KEY)");
    }
    state.load();
    spool = new RelaySpool(state.dir(), json);
    Gauge.builder("ringgate.relay.synced.age.seconds", state, RelayLink::ageSeconds)
        .description("Seconds since the relay's last successful sync with the upstream")
        .register(meters);
    Gauge.builder("ringgate.relay.spool.pending", this, l -> l.spool.size())
        .description("Entries the relay has not yet forwarded to the upstream")
        .register(meters);
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    running = true;
    threads = Executors.newFixedThreadPool(2, Threads.daemon("ringgate-relay-link"));
    threads.submit(this::syncLoop);
    threads.submit(this::forwardLoop);
    mirror.start();
    LOG.infof("relay: syncing with %s, data in %s", config.upstream().get(), state.dir());
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    if (threads != null) {
      threads.shutdownNow();
    }
    mirror.stop();
  }

  RelaySpool spool() {
    return spool;
  }

  private static double ageSeconds(RelayState state) {
    long at = state.syncedAtMillis();
    return at == 0 ? Double.NaN : (System.currentTimeMillis() - at) / 1000.0;
  }

  private HttpRequest.Builder request(String path, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(config.upstream().get().toString() + path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + config.key().get())
        .header("Accept", "application/json");
  }

  private void syncLoop() {
    while (running) {
      try {
        syncOnce();
      } catch (IOException | RuntimeException e) {
        LOG.debugf("relay: sync failed, keeps serving and retries: %s", e.toString());
        pause();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One sync request; the upstream holds it open until something changes or the wait ends. */
  void syncOnce() throws IOException, InterruptedException {
    RelayState.Synced held = state.synced();
    int wait = (int) Math.min(SyncService.MAX_WAIT_SECONDS, config.pollWait().toSeconds());
    HttpRequest.Builder request =
        request("/api/v1/relay/sync?wait=" + wait, Duration.ofSeconds(wait + 15L));
    if (held != null && !renewalDue(held)) {
      request.header("If-None-Match", held.etag());
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    switch (response.statusCode()) {
      case 200 -> {
        SignedSync signed = json.readValue(response.body(), SignedSync.class);
        state.accept(signed, response.headers().firstValue("ETag").orElse(null), true);
        mirror.wake();
      }
      case 304 -> state.contact();
      case 401, 403 -> {
        if (!state.isRefused()) {
          LOG.errorf(
              "relay: the upstream refused the relay key (%d); decisions stop until it accepts it",
              response.statusCode());
        }
        state.refused();
        pause();
      }
      default -> pause();
    }
  }

  /** A document past half its validity is asked for again, so that a new one is signed. */
  private static boolean renewalDue(RelayState.Synced held) {
    long issued = held.document().issuedAt().toEpochMilli();
    long expires = held.document().expiresAt().toEpochMilli();
    return System.currentTimeMillis() > issued + (expires - issued) / 2;
  }

  private void forwardLoop() {
    while (running) {
      try {
        if (!forwardOnce()) {
          Thread.sleep(200);
        }
      } catch (IOException | RuntimeException e) {
        LOG.debugf("relay: forwarding failed, keeps the spool and retries: %s", e.toString());
        pause();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Sends the oldest spooled entries; whether any were sent. */
  boolean forwardOnce() throws IOException, InterruptedException {
    List<Forwarded.Entry> batch = spool.peek(BATCH);
    if (batch.isEmpty()) {
      return false;
    }
    String body = json.writeValueAsString(new Forwarded.Batch(spool.spoolId(), batch));
    HttpResponse<String> response =
        http.send(
            request("/api/v1/relay/events", Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 200) {
      Forwarded.Outcome outcome = json.readValue(response.body(), Forwarded.Outcome.class);
      for (Forwarded.Refusal refusal : outcome.refused()) {
        LOG.warnf(
            "relay: the upstream refused spooled entry %d: %s", refusal.seq(), refusal.problem());
      }
      spool.applied(batch.get(batch.size() - 1).seq());
      return true;
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      state.refused();
    }
    pause();
    return false;
  }

  private void pause() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
