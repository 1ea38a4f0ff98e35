package dev.ringgate.checkin;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * The devices in memory, by id: an open-addressing hash table of {@link DeviceState}s, whose ids
 * are kept as ASCII bytes inside the states themselves. A million devices cost a table of 2^21
 * references (8 MB) instead of a map node and a String per device. Lookups are lock-free; inserts
 * and growth take the table's lock. A removed entry leaves a marker that lookups step over; the
 * markers are dropped when the table is rebuilt.
 */
final class DeviceTable {
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(DeviceState[].class);
  private static final int INITIAL_CAPACITY = 1 << 12;

  /** The marker of a removed entry: lookups go on past it, inserts may reuse its slot. */
  private static final DeviceState GONE = new DeviceState("-", "-", true);

  private volatile DeviceState[] slots = new DeviceState[INITIAL_CAPACITY];
  private volatile int size;
  private int used;

  /** The device with this id, or null. */
  DeviceState get(String deviceId) {
    DeviceState[] table = slots;
    int mask = table.length - 1;
    for (int i = hash(deviceId) & mask; ; i = (i + 1) & mask) {
      DeviceState state = (DeviceState) SLOT.getAcquire(table, i);
      if (state == null) {
        return null;
      }
      if (state != GONE && state.hasId(deviceId)) {
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
    if ((used + 1) * 5L > slots.length * 3L) {
      rebuild();
    }
    DeviceState created = create.get();
    if (insert(slots, created)) {
      used++;
    }
    size++;
    return created;
  }

  /** Removes {@code state} if it is still the entry of its id; true if it was. */
  synchronized boolean remove(DeviceState state) {
    DeviceState[] table = slots;
    int mask = table.length - 1;
    for (int i = state.idHash() & mask; ; i = (i + 1) & mask) {
      DeviceState found = (DeviceState) SLOT.getAcquire(table, i);
      if (found == null) {
        return false;
      }
      if (found == state) {
        SLOT.setRelease(table, i, GONE);
        size--;
        return true;
      }
    }
  }

  int size() {
    return size;
  }

  void forEach(Consumer<DeviceState> action) {
    DeviceState[] table = slots;
    for (int i = 0; i < table.length; i++) {
      DeviceState state = (DeviceState) SLOT.getAcquire(table, i);
      if (state != null && state != GONE) {
        action.accept(state);
      }
    }
  }

  /**
   * A new table without the removal markers: twice as large when live entries fill more than 30 %
   * of the slots, else of the same size.
   */
  private void rebuild() {
    DeviceState[] old = slots;
    int length = (size + 1) * 10L > old.length * 3L ? old.length * 2 : old.length;
    DeviceState[] fresh = new DeviceState[length];
    for (DeviceState state : old) {
      if (state != null && state != GONE) {
        insert(fresh, state);
      }
    }
    used = size;
    slots = fresh;
  }

  /** Puts the state in the first free or removed slot; true if that slot was never used. */
  private static boolean insert(DeviceState[] table, DeviceState state) {
    int mask = table.length - 1;
    int i = state.idHash() & mask;
    Object found;
    while ((found = SLOT.getAcquire(table, i)) != null && found != GONE) {
      i = (i + 1) & mask;
    }
    SLOT.setRelease(table, i, state);
    return found == null;
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
