package dev.ringgate.kernel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A write-behind buffer: callers queue items cheaply (no I/O), a flusher takes them in batches and
 * writes them, and a batch whose write fails goes back to the front of the queue, in order, to be
 * written by a later flush. Thread-safe; flushes of one buffer run one at a time.
 *
 * @param <T> what is written
 */
public final class WriteBehind<T> {
  private final Deque<T> queue = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();

  /** Queues an item for the next flush. */
  public void add(T item) {
    queue.addLast(item);
    size.incrementAndGet();
  }

  /** Items waiting to be written. */
  public int size() {
    return size.get();
  }

  /**
   * Takes up to {@code max} items, oldest first; the caller writes them or {@link #putBack}s them.
   */
  public List<T> take(int max) {
    List<T> batch = new ArrayList<>(Math.min(max, Math.max(16, size.get())));
    T item;
    while (batch.size() < max && (item = queue.pollFirst()) != null) {
      size.decrementAndGet();
      batch.add(item);
    }
    return batch;
  }

  /** Puts items whose write failed back at the front of the queue, in their order. */
  public void putBack(Collection<? extends T> items) {
    List<T> reversed = new ArrayList<>(items);
    for (int i = reversed.size() - 1; i >= 0; i--) {
      queue.addFirst(reversed.get(i));
      size.incrementAndGet();
    }
  }

  /**
   * Writes everything queued, {@code batchSize} items at a time. A batch whose write throws is put
   * back and the exception rethrown: what was written stays written, the rest waits for the next
   * flush.
   */
  public synchronized void flush(int batchSize, Consumer<List<T>> writer) {
    while (true) {
      List<T> batch = take(batchSize);
      if (batch.isEmpty()) {
        return;
      }
      try {
        writer.accept(batch);
      } catch (RuntimeException e) {
        putBack(batch);
        throw e;
      }
    }
  }
}
