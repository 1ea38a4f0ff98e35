package dev.ringgate.simulate.domain;

import java.util.Arrays;

/**
 * The devices due to poll, by simulated second, on a wheel of slots: adding and taking a poll cost
 * O(1), which keeps a million devices polling every few minutes cheap.
 */
final class PollWheel {
  private final int[][] slots;
  private final int[] sizes;
  private final int mask;

  /** A wheel for polls at most {@code horizonSeconds} ahead. */
  PollWheel(int horizonSeconds) {
    int size = Integer.highestOneBit(Math.max(2, horizonSeconds) * 2);
    slots = new int[size][];
    sizes = new int[size];
    mask = size - 1;
  }

  void add(long second, int device) {
    int slot = (int) (second & mask);
    int[] list = slots[slot];
    if (list == null) {
      list = slots[slot] = new int[16];
    } else if (sizes[slot] == list.length) {
      list = slots[slot] = Arrays.copyOf(list, list.length * 2);
    }
    list[sizes[slot]++] = device;
  }

  /** Takes the devices due in this second: the returned array's first {@code count} items. */
  int[] take(long second) {
    return slots[(int) (second & mask)];
  }

  int count(long second) {
    return sizes[(int) (second & mask)];
  }

  /** Empties the slot after its devices were taken (polls added meanwhile are for later turns). */
  void clear(long second) {
    sizes[(int) (second & mask)] = 0;
  }
}
