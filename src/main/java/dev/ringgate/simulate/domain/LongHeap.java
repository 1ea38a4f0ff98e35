package dev.ringgate.simulate.domain;

import java.util.Arrays;

/** A binary min-heap of longs (events keyed by time first), without boxing. */
final class LongHeap {
  private long[] items = new long[1024];
  private int size;

  void add(long item) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (items[parent] <= item) {
        break;
      }
      items[i] = items[parent];
      i = parent;
    }
    items[i] = item;
  }

  boolean isEmpty() {
    return size == 0;
  }

  long peek() {
    return items[0];
  }

  long poll() {
    long top = items[0];
    long last = items[--size];
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      if (child + 1 < size && items[child + 1] < items[child]) {
        child++;
      }
      if (last <= items[child]) {
        break;
      }
      items[i] = items[child];
      i = child;
    }
    if (size > 0) {
      items[i] = last;
    }
    return top;
  }
}
