package dev.ringgate.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.checkin.domain.ReleaseEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Artifact mirroring ({@code ringgate.relay.mirror-artifacts}): after each sync, the relay fetches
 * the artifact of every release the signed document lets it offer, keeps it in its data directory
 * once its size and SHA-256 match the signed ones, and removes what the document no longer names. A
 * failed fetch is retried with a growing back-off; bytes that do not match are refused, logged and
 * counted ({@code ringgate_relay_mirror_rejected_total}), never served. What is held keeps being
 * served while the upstream is unreachable.
 */
@Singleton
public class ArtifactMirror {
  private static final Logger LOG = Logger.getLogger(ArtifactMirror.class);
  private static final long FIRST_RETRY_MILLIS = 2_000;
  private static final long MAX_RETRY_MILLIS = 300_000;
  private static final long IDLE_MILLIS = 60_000;

  /** An artifact a release of the document names. */
  record Wanted(String sha256, String url, long sizeBytes) {}

  /**
   * What to mirror: the artifacts of the document's releases that are not withdrawn, in the
   * document's order, while they fit in the budget; what does not fit; each release's SHA-256.
   */
  record Selection(List<Wanted> kept, List<Wanted> skipped, Map<String, String> shaByRelease) {}

  private record Retry(int failures, long atMillis) {}

  private final RelayConfig config;
  private final RelayState state;
  private final ObjectMapper json;
  private final Counter rejected;
  private final Set<String> present = ConcurrentHashMap.newKeySet();
  private final Map<String, Retry> retries = new HashMap<>();
  private final Set<String> skipLogged = new HashSet<>();
  private final Object signal = new Object();
  private volatile Map<String, String> shaByRelease = Map.of();
  private volatile MirrorStore store;
  private volatile boolean running;
  private boolean woken;
  private SyncDocument seen;
  private HttpClient http;
  private Thread thread;

  ArtifactMirror(RelayConfig config, RelayState state, ObjectMapper json, MeterRegistry meters) {
    this.config = config;
    this.state = state;
    this.json = json;
    this.rejected =
        Counter.builder("ringgate.relay.mirror.rejected")
            .description("Artifact downloads refused because they were not what the vendor signed")
            .register(meters);
  }

  /** Whether this relay mirrors artifacts. */
  public boolean enabled() {
    return config.enabled() && config.mirrorArtifacts();
  }

  /** Opens the store and starts fetching, when mirroring is on. */
  void start() {
    if (!enabled()) {
      return;
    }
    store = new MirrorStore(state.dir().resolve("artifacts"));
    present.addAll(store.stored());
    http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    running = true;
    thread = new Thread(this::loop, "ringgate-relay-mirror");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** A new document was taken: look at once at what it names. */
  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /** The verified copy of the artifact with this SHA-256, or null when the relay holds none. */
  public Path file(String sha256) {
    MirrorStore s = store;
    return s == null || !present.contains(sha256) ? null : s.path(sha256);
  }

  /** The SHA-256 of the release's artifact when the relay holds a copy of it, else null. */
  public String mirrored(ReleaseEntry release) {
    if (release == null || store == null) {
      return null;
    }
    String sha = shaByRelease.get(release.releaseId());
    return sha != null && present.contains(sha) ? sha : null;
  }

  private void loop() {
    while (running) {
      long waitMillis;
      try {
        waitMillis = round();
      } catch (RuntimeException e) {
        LOG.warnf("relay: artifact mirroring failed, retries: %s", e.toString());
        waitMillis = FIRST_RETRY_MILLIS;
      }
      synchronized (signal) {
        try {
          if (!woken) {
            signal.wait(Math.max(1, waitMillis));
          }
        } catch (InterruptedException e) {
          return;
        }
        woken = false;
      }
    }
  }

  /** One pass over the held document; how long until something is due again. */
  long round() {
    RelayState.Synced synced = state.synced();
    if (synced == null) {
      return IDLE_MILLIS;
    }
    Selection selection = select(synced.document(), config.mirrorMaxSize().asLongValue(), json);
    if (synced.document() != seen) {
      shaByRelease = selection.shaByRelease();
      removeUnreferenced(selection.kept());
      logSkipped(selection.skipped());
      seen = synced.document();
    }
    long next = IDLE_MILLIS;
    for (Wanted wanted : selection.kept()) {
      if (!running) {
        break;
      }
      if (present.contains(wanted.sha256())) {
        continue;
      }
      Retry retry = retries.get(wanted.sha256());
      long now = System.currentTimeMillis();
      if (retry != null && retry.atMillis() > now) {
        next = Math.min(next, retry.atMillis() - now);
        continue;
      }
      if (!fetch(wanted)) {
        int failures = retry == null ? 1 : retry.failures() + 1;
        long delay = Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(failures - 1, 20));
        retries.put(wanted.sha256(), new Retry(failures, now + delay));
        next = Math.min(next, delay);
      }
    }
    return next;
  }

  /** Downloads and stores one artifact; false when it has to be tried again. */
  private boolean fetch(Wanted wanted) {
    long start = System.nanoTime();
    try (InputStream in = open(wanted.url())) {
      store.store(wanted.sha256(), wanted.sizeBytes(), in);
      present.add(wanted.sha256());
      retries.remove(wanted.sha256());
      LOG.infof(
          "relay: mirrored %s (%d bytes, SHA-256 %s) in %d ms",
          wanted.url(),
          wanted.sizeBytes(),
          wanted.sha256(),
          (System.nanoTime() - start) / 1_000_000);
      return true;
    } catch (MirrorStore.Mismatch e) {
      rejected.increment();
      LOG.errorf(
          "relay: refused the artifact at %s: %s; it is not served, and is fetched again later",
          wanted.url(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.warnf("relay: could not fetch %s, retries: %s", wanted.url(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
    return false;
  }

  private InputStream open(String url) throws IOException, InterruptedException {
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IOException("the relay mirrors only http and https URLs");
    }
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException("HTTP " + response.statusCode());
    }
    return response.body();
  }

  private void removeUnreferenced(List<Wanted> kept) {
    Set<String> referenced = new HashSet<>();
    kept.forEach(w -> referenced.add(w.sha256()));
    present.retainAll(referenced);
    retries.keySet().retainAll(referenced);
    try {
      for (String sha : store.retainOnly(referenced)) {
        LOG.infof("relay: removed mirrored artifact %s, no release names it any more", sha);
      }
    } catch (IOException e) {
      LOG.warnf("relay: could not remove mirrored artifacts: %s", e.toString());
    }
  }

  private void logSkipped(List<Wanted> skipped) {
    for (Wanted wanted : skipped) {
      if (skipLogged.add(wanted.sha256())) {
        LOG.warnf(
            "relay: not mirroring %s (%d bytes): it does not fit in"
                + " ringgate.relay.mirror-max-size (%s); devices fetch it from its URL",
            wanted.url(), wanted.sizeBytes(), config.mirrorMaxSize().asLongValue());
      }
    }
  }

  /** What to mirror of a document within {@code maxBytes}. */
  static Selection select(SyncDocument document, long maxBytes, ObjectMapper json) {
    Map<String, Wanted> kept = new LinkedHashMap<>();
    List<Wanted> skipped = new ArrayList<>();
    Map<String, String> shaByRelease = new HashMap<>();
    long total = 0;
    for (SyncDocument.Product product : document.products()) {
      for (SyncDocument.Release release : product.releases()) {
        Wanted wanted = artifact(release, json);
        if (wanted == null || release.availability().isBad()) {
          continue;
        }
        if (!kept.containsKey(wanted.sha256())) {
          if (total + wanted.sizeBytes() > maxBytes) {
            skipped.add(wanted);
            continue;
          }
          total += wanted.sizeBytes();
          kept.put(wanted.sha256(), wanted);
        }
        shaByRelease.put(release.releaseId(), wanted.sha256());
      }
    }
    return new Selection(List.copyOf(kept.values()), List.copyOf(skipped), shaByRelease);
  }

  /** The artifact in a release's signed delivery fields, or null when it names none. */
  private static Wanted artifact(SyncDocument.Release release, ObjectMapper json) {
    if (release.deliveryJson() == null) {
      return null;
    }
    try {
      JsonNode artifact = json.readTree("{" + release.deliveryJson() + "}").path("artifact");
      String sha = artifact.path("sha256").asText("").toLowerCase(Locale.ROOT);
      String url = artifact.path("url").asText(null);
      long size = artifact.path("sizeBytes").asLong(-1);
      return url == null || size < 0 || !MirrorStore.SHA256.matcher(sha).matches()
          ? null
          : new Wanted(sha, url, size);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
