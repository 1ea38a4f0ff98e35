package dev.ringgate.kernel;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for Ringgate's own background threads: named, so they read in a thread dump. */
public final class Threads {
  private Threads() {}

  /** Daemon threads, each called {@code name}. */
  public static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Daemon threads called {@code name-1}, {@code name-2}… */
  public static ThreadFactory numbered(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
