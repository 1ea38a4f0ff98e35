package dev.ringgate.demo;

import dev.ringgate.kernel.Threads;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the demo ({@link DemoConfig}) once the HTTP server listens, on threads of its own, and
 * stops it at shutdown. When the demo is off, it does nothing at all.
 */
@ApplicationScoped
public class DemoMode {
  private static final Logger LOG = Logger.getLogger(DemoMode.class);

  private final DemoConfig config;
  private final Optional<String> operatorKey;
  private final Path dataDir;
  private final Instance<HttpServer> httpServer;
  private final AtomicBoolean started = new AtomicBoolean();
  private DemoScript script;
  private ScheduledExecutorService fleetThreads;
  private ExecutorService httpThreads;
  private Thread stopHook;

  DemoMode(
      DemoConfig config,
      @ConfigProperty(name = "ringgate.operator-key") Optional<String> operatorKey,
      @ConfigProperty(name = "ringgate.data-dir") Path dataDir,
      Instance<HttpServer> httpServer) {
    this.config = config;
    this.operatorKey = operatorKey;
    this.dataDir = dataDir;
    this.httpServer = httpServer;
  }

  void onHttpStart(@ObservesAsync HttpServerStart event) {
    if (!config.enabled() || !started.compareAndSet(false, true)) {
      return;
    }
    Optional<OperatorKey> key = OperatorKey.find(operatorKey, dataDir);
    if (key.isEmpty()) {
      LOG.warn(
          "Demo mode: no operator key found (neither RINGGATE_OPERATOR_KEY nor a readable"
              + " operator.key in the data directory); the demo does not run.");
      return;
    }
    URI base = URI.create("http://localhost:" + httpServer.get().getPort());
    httpThreads = Executors.newFixedThreadPool(2, Threads.numbered("ringgate-demo-http"));
    fleetThreads =
        new ScheduledThreadPoolExecutor(config.threads(), Threads.numbered("ringgate-demo-fleet"));
    script = new DemoScript(new DemoApi(base, httpThreads), key.get(), config, fleetThreads);
    // The HTTP server closes before ShutdownEvent observers run: stop the fleet's calls first.
    stopHook = new Thread(script::stop, "ringgate-demo-stop");
    Runtime.getRuntime().addShutdownHook(stopHook);
    Threads.numbered("ringgate-demo").newThread(script).start();
  }

  void onStop(@Observes ShutdownEvent event) {
    if (script != null) {
      script.stop();
      fleetThreads.shutdownNow();
      httpThreads.shutdownNow();
      try {
        Runtime.getRuntime().removeShutdownHook(stopHook);
      } catch (IllegalStateException e) {
        // the JVM is exiting: the hook has run
      }
    }
  }
}
