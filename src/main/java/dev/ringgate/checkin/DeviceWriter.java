package dev.ringgate.checkin;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.health.CohortDelta;
import dev.ringgate.health.CohortStore;
import dev.ringgate.kernel.WriteBehind;
import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes the device registry behind the check-ins, in batches: registrations (insert if absent,
 * first tenant wins), last check-in per device and product (upsert), and what check-ins tell the
 * health gate ({@link CohortStore}). If the store is down, what was taken is put back and written
 * on a later flush.
 */
@ApplicationScoped
public class DeviceWriter {
  static final int BATCH = 2_000;
  private static final Action[] ACTIONS = Action.values();

  private final Store store;
  private final CohortStore cohorts;

  DeviceWriter(Store store, CohortStore cohorts) {
    this.store = store;
    this.cohorts = cohorts;
  }

  /**
   * Writes the dirty devices and the marks, a batch of each per transaction; on failure what was
   * taken is put back (a device only if nothing queued it again meanwhile) and the error rethrown.
   */
  void write(WriteBehind<DeviceState> dirty, WriteBehind<CohortDelta> marks) {
    while (true) {
      List<DeviceState> devices = dirty.take(BATCH);
      devices.forEach(DeviceState::markClean);
      List<CohortDelta> marked = marks.take(BATCH);
      if (devices.isEmpty() && marked.isEmpty()) {
        return;
      }
      try {
        List<DeviceState> registered =
            store.inTransaction(
                c -> {
                  List<DeviceState> fresh = registerNew(c, devices);
                  writeSeen(c, devices);
                  cohorts.upsert(c, marked);
                  return fresh;
                });
        registered.forEach(device -> device.persisted = true);
      } catch (RuntimeException e) {
        dirty.putBack(devices.stream().filter(DeviceState::markDirty).toList());
        marks.putBack(marked);
        throw e;
      }
    }
  }

  /** Registers the devices not in the store yet; returns them, to be marked after commit. */
  private List<DeviceState> registerNew(Connection c, List<DeviceState> devices)
      throws SQLException {
    List<DeviceState> fresh =
        devices.stream().filter(d -> !d.persisted && !d.foreign && !d.released).toList();
    if (fresh.isEmpty()) {
      return fresh;
    }
    String sql =
        store.isPostgres()
            ? "INSERT INTO devices (id, tenant_id, registered_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING"
            : "MERGE INTO devices d USING (VALUES (CAST(? AS VARCHAR(128)), CAST(? AS"
                + " VARCHAR(128)), CAST(? AS TIMESTAMP WITH TIME ZONE))) v(id, tenant_id, at)"
                + " ON d.id = v.id WHEN NOT MATCHED THEN INSERT (id, tenant_id, registered_at)"
                + " VALUES (v.id, v.tenant_id, v.at)";
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int[] counts;
    try (PreparedStatement insert = c.prepareStatement(sql)) {
      for (DeviceState device : fresh) {
        insert.setString(1, device.deviceId());
        insert.setString(2, device.tenantId);
        insert.setObject(3, now);
        insert.addBatch();
      }
      counts = insert.executeBatch();
    }
    for (int i = 0; i < fresh.size(); i++) {
      DeviceState device = fresh.get(i);
      if (counts[i] == 0) {
        String owner =
            Sql.one(
                    c,
                    "SELECT tenant_id FROM devices WHERE id = ?",
                    r -> r.getString(1),
                    device.deviceId())
                .orElse(device.tenantId);
        device.foreign = !owner.equals(device.tenantId);
      }
    }
    return fresh;
  }

  private void writeSeen(Connection c, List<DeviceState> devices) throws SQLException {
    String sql =
        store.isPostgres()
            ? "INSERT INTO device_products (device_id, product_id, last_seen_at, reported_version,"
                + " told_action, told_version, poll_after_seconds) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (device_id, product_id) DO UPDATE SET last_seen_at ="
                + " EXCLUDED.last_seen_at, reported_version = EXCLUDED.reported_version,"
                + " told_action = EXCLUDED.told_action, told_version = EXCLUDED.told_version,"
                + " poll_after_seconds = EXCLUDED.poll_after_seconds"
            : "MERGE INTO device_products (device_id, product_id, last_seen_at, reported_version,"
                + " told_action, told_version, poll_after_seconds) KEY (device_id, product_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement upsert = c.prepareStatement(sql)) {
      int rows = 0;
      for (DeviceState device : devices) {
        if (device.foreign || device.released) {
          continue;
        }
        for (ProductSeen seen = device.products(); seen != null; seen = seen.next) {
          if (seen.lastSeenMillis == 0) {
            continue;
          }
          upsert.setString(1, device.deviceId());
          upsert.setString(2, seen.productId);
          upsert.setObject(3, time(seen.lastSeenMillis));
          upsert.setString(4, seen.reportedVersion);
          upsert.setString(5, ACTIONS[seen.toldAction].name());
          upsert.setString(6, seen.toldVersion);
          upsert.setInt(7, seen.pollAfterSeconds);
          upsert.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        upsert.executeBatch();
      }
    }
  }

  private static OffsetDateTime time(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
