package dev.ringgate.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import dev.ringgate.support.Api;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TelemetryRetentionTest {
  @Inject Store store;
  @Inject TelemetryRetention retention;

  private long events(String productId) {
    return store.read(
        c ->
            Sql.one(
                    c,
                    "SELECT COUNT(*) FROM telemetry_events WHERE product_id = ?",
                    r -> r.getLong(1),
                    productId)
                .orElse(0L));
  }

  @Test
  void eventsOlderThanTheRetentionPeriodAreDeletedAndRecentOnesKept() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String key = Api.deviceKey(Api.newTenant());
    Telemetry.batch()
        .add("old-1", vendor.productId(), "1.0.0", "HEARTBEAT")
        .add("old-2", vendor.productId(), "1.0.0", "CRASH")
        .accepted(key);
    // received 31 days ago: these and every event before them (ids grow with time)
    store.inTransaction(
        c ->
            Sql.update(
                c,
                "UPDATE telemetry_events SET received_at = ? WHERE id <= (SELECT MAX(id) FROM"
                    + " telemetry_events WHERE product_id = ?)",
                Instant.now().minus(Duration.ofDays(31)),
                vendor.productId()));
    Telemetry.batch().add("new-1", vendor.productId(), "1.0.0", "HEARTBEAT").accepted(key);

    assertThat(retention.purge()).isGreaterThanOrEqualTo(2);
    assertThat(events(vendor.productId())).isEqualTo(1);
  }
}
