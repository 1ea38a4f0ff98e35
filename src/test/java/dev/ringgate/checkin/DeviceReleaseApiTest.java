package dev.ringgate.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.store.ChangeFeed;
import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Device ids given up: released by an operator (a squatted id), or reclaimed after the retention
 * period; either way the id can be registered again, by any tenant.
 */
@QuarkusTest
class DeviceReleaseApiTest {
  @Inject DeviceRegistry registry;
  @Inject DeviceReleases releases;
  @Inject Store store;
  @Inject ChangeFeed changes;

  private static int checkinStatus(String key, String deviceId, VendorSetup vendor) {
    return Devices.checkin(key, deviceId, vendor.productId(), "1.0.0").statusCode();
  }

  private static String release(String deviceId) {
    return "/api/v1/devices/" + deviceId;
  }

  @Test
  void anOperatorReleasesASquattedDeviceIdAndTheRealOwnerRegistersIt() {
    // Given: tenant 1 checked in the id first, so tenant 2's real machine gets 404
    VendorSetup vendor = VendorSetup.agentVendor();
    String t1 = Api.newTenant();
    String t2 = Api.newTenant();
    String squatter = Api.deviceKey(t1);
    String owner = Api.deviceKey(t2);
    String device = Api.uniqueId("srv-web");
    Instant before = Instant.now().minusSeconds(1);
    assertThat(checkinStatus(squatter, device, vendor)).isEqualTo(200);
    assertThat(checkinStatus(owner, device, vendor)).isEqualTo(404);

    // When
    Api.asOperator()
        .queryParam("tenantId", t1)
        .body(Map.of("reason", "ticket 4711: id belongs to " + t2))
        .delete(release(device))
        .then()
        .statusCode(204);

    // Then: the next check-in registers it for tenant 2, and the release is audited
    assertThat(checkinStatus(owner, device, vendor)).isEqualTo(200);
    assertThat(checkinStatus(squatter, device, vendor)).isEqualTo(404);
    String audit =
        Api.asOperator()
            .queryParam("since", before.toString())
            .get("/api/v1/audit")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(audit)
        .contains("\"action\":\"DEVICE_RELEASED\"")
        .contains("\"id\":\"" + device + "\"")
        .contains("ticket 4711");
  }

  @Test
  void onlyOperatorsReleaseDeviceIds() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String t1 = Api.newTenant();
    String t2 = Api.newTenant();
    String device = Api.uniqueId("srv-db");
    String deviceKey = Api.deviceKey(t1);
    String otherDeviceKey = Api.deviceKey(t2);
    String admin = Api.fleetAdminKey(t1);
    String otherAdmin = Api.fleetAdminKey(t2);
    assertThat(checkinStatus(deviceKey, device, vendor)).isEqualTo(200);
    long head = Api.auditHead();

    // When / Then
    Api.as(vendor.key()).delete(release(device)).then().statusCode(403);
    Api.as(admin).delete(release(device)).then().statusCode(403);
    Api.as(otherAdmin).delete(release(device)).then().statusCode(403);
    Api.as(deviceKey).delete(release(device)).then().statusCode(403);
    Api.as(otherDeviceKey).delete(release(device)).then().statusCode(403);
    io.restassured.RestAssured.given().delete(release(device)).then().statusCode(401);

    // Then: still bound to tenant 1, nothing audited
    assertThat(checkinStatus(otherDeviceKey, device, vendor)).isEqualTo(404);
    assertThat(checkinStatus(deviceKey, device, vendor)).isEqualTo(200);
    assertThat(Api.auditHead()).isEqualTo(head);
  }

  @Test
  void aReleaseGuardedByAnotherTenantReleasesNothing() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String t1 = Api.newTenant();
    String t2 = Api.newTenant();
    String device = Api.uniqueId("srv-app");
    assertThat(checkinStatus(Api.deviceKey(t1), device, vendor)).isEqualTo(200);

    // When
    Api.asOperator()
        .queryParam("tenantId", t2)
        .delete(release(device))
        .then()
        .statusCode(409)
        .contentType("application/problem+json");

    // Then
    assertThat(checkinStatus(Api.deviceKey(t2), device, vendor)).isEqualTo(404);
  }

  @Test
  void releasingADeviceIdNoTenantHoldsAnswers404() {
    Api.asOperator()
        .delete(release(Api.uniqueId("never-seen")))
        .then()
        .statusCode(404)
        .body("type", equalTo("https://ringgate.dev/problems/not-found"));
  }

  @Test
  void aReleaseRecordedByAnotherReplicaFreesTheIdHere() {
    // Given: the id is bound to tenant 1 in this replica's memory
    VendorSetup vendor = VendorSetup.agentVendor();
    String t1 = Api.newTenant();
    String t2 = Api.newTenant();
    String device = Api.uniqueId("srv-mail");
    assertThat(checkinStatus(Api.deviceKey(t1), device, vendor)).isEqualTo(200);
    registry.flush();

    // When: another replica releases it in the store (as DeviceReleases does there)
    store.inTransaction(
        c -> {
          Sql.update(c, "DELETE FROM device_products WHERE device_id = ?", device);
          Sql.update(c, "DELETE FROM devices WHERE id = ?", device);
          Sql.update(
              c,
              "INSERT INTO device_releases (device_id, tenant_id, released_at) VALUES (?, ?, ?)",
              device,
              t1,
              Instant.now());
          changes.bump(c);
          return null;
        });

    // Then: the change feed's poll drops it here, and tenant 2 registers it
    String owner = Api.deviceKey(t2);
    await().atMost(Duration.ofSeconds(10)).until(() -> checkinStatus(owner, device, vendor) == 200);
  }

  @Test
  void aDeviceUnheardForTheRetentionPeriodIsReclaimedAndItsIdFreeForAnotherTenant() {
    // Given: a device last heard from 91 days ago
    VendorSetup vendor = VendorSetup.agentVendor();
    String t1 = Api.newTenant();
    String t2 = Api.newTenant();
    String device = Api.uniqueId("old-laptop");
    assertThat(checkinStatus(Api.deviceKey(t1), device, vendor)).isEqualTo(200);
    age(device, Duration.ofDays(91));

    // When
    int reclaimed = releases.reclaim();

    // Then
    assertThat(reclaimed).isGreaterThanOrEqualTo(1);
    assertThat(registry.tenantOf(device)).isNull();
    assertThat(checkinStatus(Api.deviceKey(t2), device, vendor)).isEqualTo(200);
  }

  @Test
  void aDeviceInARollingOutReleaseIsKeptPastTheRetentionPeriod() {
    // Given: a canary device offered 2.0.0 by a running rollout, then unheard for 91 days
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10, 10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    String t1 = Api.newTenant();
    String device = Devices.manyInBasisPoints(vendor.productId(), 0, 10, 1).get(0);
    assertThat(Devices.action(Api.deviceKey(t1), device, vendor.productId(), "1.0.0"))
        .isEqualTo("INSTALL");
    age(device, Duration.ofDays(91));

    // When
    releases.reclaim();

    // Then: still tenant 1's
    assertThat(registry.tenantOf(device)).isEqualTo(t1);
    assertThat(checkinStatus(Api.deviceKey(Api.newTenant()), device, vendor)).isEqualTo(404);
  }

  /** Moves the device's stored registration and last check-ins {@code ago} into the past. */
  private void age(String device, Duration ago) {
    registry.flush();
    Instant then = Instant.now().minus(ago);
    store.inTransaction(
        c -> {
          Sql.update(c, "UPDATE devices SET registered_at = ? WHERE id = ?", then, device);
          Sql.update(
              c, "UPDATE device_products SET last_seen_at = ? WHERE device_id = ?", then, device);
          return null;
        });
  }
}
