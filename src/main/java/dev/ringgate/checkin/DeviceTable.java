package dev.ringgate.checkin;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * The devices in memory, by id: an open-addressing hash table of {@link DeviceState}s, whose ids
 * are kept as ASCII bytes inside the states themselves. A million devices cost a table of 2^21
 * references (8 MB) instead of a map node and a String per device. Lookups are lock-free; inserts
 * and growth take the table's lock. Entries are never removed.
 */
final class DeviceTable {
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(DeviceState[].class);
  private static final int INITIAL_CAPACITY = 1 << 12;

  private volatile DeviceState[] slots = new DeviceState[INITIAL_CAPACITY];
  private volatile int size;

  /** The device with this id, or null. */
  DeviceState get(String deviceId) {
    DeviceState[] table = slots;
    int mask = table.length - 1;
    for (int i = hash(deviceId) & mask; ; i = (i + 1) & mask) {
      DeviceState state = (DeviceState) SLOT.getAcquire(table, i);
      if (state == null) {
        return null;
      }
      if (state.hasId(deviceId)) {
        return state;
      }
    }
  }

  /** The device with this id, created by {@code create} if it is not there yet. */
  synchronized DeviceState putIfAbsent(
      String deviceId, java.util.function.Supplier<DeviceState> create) {
    DeviceState existing = get(deviceId);
    if (existing != null) {
      return existing;
    }
    if ((size + 1) * 5L > slots.length * 3L) {
      grow();
    }
    DeviceState created = create.get();
    insert(slots, created);
    size++;
    return created;
  }

  int size() {
    return size;
  }

  void forEach(Consumer<DeviceState> action) {
    DeviceState[] table = slots;
    for (int i = 0; i < table.length; i++) {
      DeviceState state = (DeviceState) SLOT.getAcquire(table, i);
      if (state != null) {
        action.accept(state);
      }
    }
  }

  private void grow() {
    DeviceState[] old = slots;
    DeviceState[] bigger = new DeviceState[old.length * 2];
    for (DeviceState state : old) {
      if (state != null) {
        insert(bigger, state);
      }
    }
    slots = bigger;
  }

  private static void insert(DeviceState[] table, DeviceState state) {
    int mask = table.length - 1;
    int i = state.idHash() & mask;
    while (SLOT.getAcquire(table, i) != null) {
      i = (i + 1) & mask;
    }
    SLOT.setRelease(table, i, state);
  }

  /** FNV-1a over the id's characters, finished with a multiplicative mix. */
  static int hash(CharSequence id) {
    int h = 0x811c9dc5;
    for (int i = 0, n = id.length(); i < n; i++) {
      h = (h ^ id.charAt(i)) * 0x01000193;
    }
    return (h ^ (h >>> 16)) * 0x45d9f3b;
  }
}
