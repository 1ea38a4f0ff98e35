package dev.ringgate.kernel;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A task run again and again on its own named daemon thread, with a fixed delay between the end of
 * one run and the start of the next. A run that throws is logged and the loop goes on (a bare
 * {@link ScheduledExecutorService} would silently stop scheduling it). {@link #stop} lets a run in
 * progress finish, for a few seconds at most, and starts no other.
 */
public final class BackgroundLoop implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(BackgroundLoop.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final String name;
  private final Runnable task;
  private final ScheduledExecutorService executor;

  private BackgroundLoop(String name, Runnable task) {
    this.name = name;
    this.task = task;
    this.executor = Executors.newSingleThreadScheduledExecutor(Threads.daemon(name));
  }

  /**
   * Starts running {@code task} every {@code interval} (the first run after one interval) on a
   * daemon thread called {@code name}.
   */
  public static BackgroundLoop start(String name, Duration interval, Runnable task) {
    BackgroundLoop loop = new BackgroundLoop(name, task);
    long millis = Math.max(1, interval.toMillis());
    loop.executor.scheduleWithFixedDelay(loop::runOnce, millis, millis, TimeUnit.MILLISECONDS);
    return loop;
  }

  /** {@code interval}, or {@code floor} when that is shorter. */
  public static Duration atLeast(Duration interval, Duration floor) {
    return interval.compareTo(floor) < 0 ? floor : interval;
  }

  private void runOnce() {
    try {
      task.run();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      LOG.warnf("%s failed, will run again: %s", name, e.toString());
    }
  }

  /** Stops the loop: no run starts after this; a run in progress may finish (a few seconds). */
  public void stop() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Stops {@code loop} if it was started. */
  public static void stop(BackgroundLoop loop) {
    if (loop != null) {
      loop.stop();
    }
  }
}
