package dev.ringgate.checkin;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.store.Sql;
import dev.ringgate.store.Upsert;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The device registry in the store: which tenant each device is bound to, its last check-in per
 * product, and the log of released devices that the other instances drop from memory.
 */
@ApplicationScoped
public class DeviceStore {
  private static final Action[] ACTIONS = Action.values();

  /** First tenant wins: a device already bound stays bound. */
  private static final Upsert REGISTER =
      Upsert.into("devices", "id", "tenant_id", "registered_at").keepingExisting();

  private static final Upsert SEEN =
      Upsert.into(
              "device_products",
              "device_id",
              "product_id",
              "last_seen_at",
              "reported_version",
              "told_action",
              "told_version",
              "poll_after_seconds")
          .on("device_id", "product_id");

  /**
   * A device's first check-in for a product: the earliest time wins. A row not written yet gets
   * placeholders that the device's next last-check-in write replaces.
   */
  private static final Upsert FIRST_SEEN =
      Upsert.into(
              "device_products",
              "device_id",
              "product_id",
              "first_seen_at",
              "last_seen_at",
              "told_action",
              "poll_after_seconds")
          .on("device_id", "product_id")
          .merging(
              "first_seen_at",
              "CASE WHEN stored.first_seen_at IS NULL OR stored.first_seen_at >"
                  + " excluded.first_seen_at THEN excluded.first_seen_at ELSE"
                  + " stored.first_seen_at END")
          .merging("last_seen_at", "stored.last_seen_at")
          .merging("told_action", "stored.told_action")
          .merging("poll_after_seconds", "stored.poll_after_seconds");

  /** How many of a tenant's devices last reported {@code version} and were told {@code action}. */
  public record LastAnswers(String version, String action, String toldVersion, long devices) {}

  /**
   * The tenant's devices of the product, by reported version (null: none) and last answer (its
   * action and version).
   */
  public List<LastAnswers> lastAnswers(Connection c, String tenantId, String productId)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT dp.reported_version, dp.told_action, dp.told_version, COUNT(*) FROM"
            + " device_products dp JOIN devices d ON d.id = dp.device_id WHERE d.tenant_id = ? AND"
            + " dp.product_id = ? GROUP BY dp.reported_version, dp.told_action, dp.told_version",
        r -> new LastAnswers(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)),
        tenantId,
        productId);
  }

  /** A released device, in the order of the release log. */
  record Release(long seq, String deviceId, String tenantId) {}

  /** Every device and its tenant (interned: few tenants, many devices). */
  List<Map.Entry<String, String>> all(Connection c) throws SQLException {
    return Sql.list(
        c,
        "SELECT id, tenant_id FROM devices",
        r -> Map.entry(r.getString(1), r.getString(2).intern()));
  }

  /**
   * Registers {@code fresh} devices not in the store yet, bound at {@code now}; a device found
   * bound to another tenant is marked foreign.
   */
  void register(Connection c, List<DeviceState> fresh, Instant now) throws SQLException {
    int[] counts;
    try (PreparedStatement insert = c.prepareStatement(REGISTER.sql(c))) {
      for (DeviceState device : fresh) {
        insert.setString(1, device.deviceId());
        insert.setString(2, device.tenantId);
        insert.setObject(3, Sql.timestamp(now));
        insert.addBatch();
      }
      counts = insert.executeBatch();
    }
    for (int i = 0; i < fresh.size(); i++) {
      DeviceState device = fresh.get(i);
      if (counts[i] == 0) {
        String owner = owner(c, device.deviceId(), false).orElse(device.tenantId);
        device.foreign = !owner.equals(device.tenantId);
      }
    }
  }

  /** Writes the last check-in per device and product of the devices bound here. */
  void writeSeen(Connection c, List<DeviceState> devices) throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(SEEN.sql(c))) {
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
          upsert.setObject(3, Sql.timestamp(seen.lastSeenMillis));
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

  /** Writes first check-ins per device and product, keeping the earliest known. */
  void writeFirstSeen(Connection c, List<FirstSeen> first) throws SQLException {
    if (first.isEmpty()) {
      return;
    }
    List<FirstSeen> sorted = new java.util.ArrayList<>(first);
    sorted.sort(
        java.util.Comparator.comparing(FirstSeen::deviceId).thenComparing(FirstSeen::productId));
    try (PreparedStatement upsert = c.prepareStatement(FIRST_SEEN.sql(c))) {
      for (FirstSeen seen : sorted) {
        upsert.setString(1, seen.deviceId());
        upsert.setString(2, seen.productId());
        upsert.setObject(3, Sql.timestamp(seen.atMillis()));
        upsert.setObject(4, Sql.timestamp(seen.atMillis()));
        upsert.setString(5, Action.STAY.name());
        upsert.setInt(6, 0);
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /** The tenant the device is bound to; {@code lock} locks the row for this transaction. */
  Optional<String> owner(Connection c, String deviceId, boolean lock) throws SQLException {
    return Sql.one(
        c,
        "SELECT tenant_id FROM devices WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
        r -> r.getString(1),
        deviceId);
  }

  /**
   * Up to {@code limit} devices registered before {@code cutoff}, unheard since, and in no active
   * rollout.
   */
  List<Map.Entry<String, String>> stale(Connection c, Instant cutoff, int limit)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT d.id, d.tenant_id FROM devices d WHERE d.registered_at < ? AND NOT EXISTS"
            + " (SELECT 1 FROM device_products p WHERE p.device_id = d.id AND p.last_seen_at >= ?)"
            + " AND NOT EXISTS (SELECT 1 FROM rollout_devices rd JOIN rollouts r ON r.id ="
            + " rd.rollout_id WHERE rd.device_id = d.id AND r.state NOT IN ('COMPLETED',"
            + " 'SUPERSEDED', 'ROLLED_BACK')) LIMIT "
            + limit,
        r -> Map.entry(r.getString(1), r.getString(2)),
        cutoff,
        cutoff);
  }

  /** Deletes the device if still bound to {@code tenantId} and logs the release; false if not. */
  boolean drop(Connection c, String deviceId, String tenantId, Instant now) throws SQLException {
    if (Sql.update(c, "DELETE FROM devices WHERE id = ? AND tenant_id = ?", deviceId, tenantId)
        == 0) {
      return false;
    }
    Sql.update(c, "DELETE FROM device_products WHERE device_id = ?", deviceId);
    Sql.update(
        c,
        "INSERT INTO device_releases (device_id, tenant_id, released_at) VALUES (?, ?, ?)",
        deviceId,
        tenantId,
        now);
    return true;
  }

  /** Forgets the releases logged before {@code before}. */
  int forgetReleasesBefore(Connection c, Instant before) throws SQLException {
    return Sql.update(c, "DELETE FROM device_releases WHERE released_at < ?", before);
  }

  /** Up to {@code limit} releases logged after {@code seq}, in order. */
  List<Release> releasesAfter(Connection c, long seq, int limit) throws SQLException {
    return Sql.list(
        c,
        "SELECT seq, device_id, tenant_id FROM device_releases WHERE seq > ? ORDER BY seq LIMIT "
            + limit,
        r -> new Release(r.getLong(1), r.getString(2), r.getString(3)),
        seq);
  }

  /** The sequence number of the last release logged, or 0. */
  long lastRelease(Connection c) throws SQLException {
    return Sql.one(c, "SELECT COALESCE(MAX(seq), 0) FROM device_releases", r -> r.getLong(1))
        .orElse(0L);
  }
}
