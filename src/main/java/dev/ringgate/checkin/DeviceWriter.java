package dev.ringgate.checkin;

import dev.ringgate.health.CohortDelta;
import dev.ringgate.health.CohortStore;
import dev.ringgate.kernel.WriteBehind;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Writes the device registry behind the check-ins, in batches: registrations (insert if absent,
 * first tenant wins), last check-in per device and product (upsert) with the first one's time, and
 * what check-ins tell the health gate ({@link CohortStore}). If the store is down, what was taken
 * is put back and written on a later flush.
 */
@ApplicationScoped
public class DeviceWriter {
  static final int BATCH = 2_000;

  private final Store store;
  private final DeviceStore deviceStore;
  private final CohortStore cohorts;

  DeviceWriter(Store store, DeviceStore deviceStore, CohortStore cohorts) {
    this.store = store;
    this.deviceStore = deviceStore;
    this.cohorts = cohorts;
  }

  /**
   * Writes the dirty devices and the marks, a batch of each per transaction; on failure what was
   * taken is put back (a device only if nothing queued it again meanwhile) and the error rethrown.
   */
  void write(
      WriteBehind<DeviceState> dirty,
      WriteBehind<CohortDelta> marks,
      WriteBehind<FirstSeen> firstSeen) {
    while (true) {
      List<DeviceState> devices = dirty.take(BATCH);
      devices.forEach(DeviceState::markClean);
      List<CohortDelta> marked = marks.take(BATCH);
      List<FirstSeen> first = firstSeen.take(BATCH);
      if (devices.isEmpty() && marked.isEmpty() && first.isEmpty()) {
        return;
      }
      try {
        List<DeviceState> registered =
            store.inTransaction(
                c -> {
                  List<DeviceState> fresh = registerNew(c, devices);
                  deviceStore.writeSeen(c, devices);
                  deviceStore.writeFirstSeen(c, first);
                  cohorts.upsert(c, marked);
                  return fresh;
                });
        registered.forEach(device -> device.persisted = true);
      } catch (RuntimeException e) {
        dirty.putBack(devices.stream().filter(DeviceState::markDirty).toList());
        marks.putBack(marked);
        firstSeen.putBack(first);
        throw e;
      }
    }
  }

  /** Registers the devices not in the store yet; returns them, to be marked after commit. */
  private List<DeviceState> registerNew(Connection c, List<DeviceState> devices)
      throws SQLException {
    List<DeviceState> fresh =
        devices.stream().filter(d -> !d.persisted && !d.foreign && !d.released).toList();
    if (!fresh.isEmpty()) {
      deviceStore.register(c, fresh, Instant.now());
    }
    return fresh;
  }
}
