package dev.ringgate.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evidence no tenant can forge (docs/halting.md): a tenant unrelated to the vendor fabricates
 * crashing or healthy devices in the canary, and the gate is not moved beyond that tenant.
 */
@QuarkusTest
class ForgedEvidenceApiTest {
  /** 1.0.0 everywhere; 2.0.0 is published (not started) for a 1 % canary. */
  private static VendorSetup canary() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    Plans.rings(100, 10_000).auto().minDevices(50).applyTo(vendor);
    return vendor;
  }

  private static JsonPath rollout(VendorSetup vendor, String id) {
    return Api.as(vendor.key()).get("/api/v1/rollouts/" + id).then().extract().jsonPath();
  }

  private static List<String> canaryDevices(VendorSetup vendor, int n) {
    return Devices.manyInBasisPoints(vendor.productId(), 0, 100, n);
  }

  /** The devices take the offer, install and boot it. */
  private static void installed(VendorSetup vendor, String key, List<String> devices) {
    Telemetry booted = Telemetry.batch();
    for (String device : devices) {
      assertThat(Devices.action(key, device, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");
      booted.add(device, vendor.productId(), "2.0.0", "INSTALLED");
      booted.add(device, vendor.productId(), "2.0.0", "HEARTBEAT");
    }
    booted.accepted(key);
  }

  private static void crash(VendorSetup vendor, String key, List<String> devices) {
    Telemetry crashes = Telemetry.batch();
    for (String device : devices) {
      crashes.add(device, vendor.productId(), "2.0.0", "CRASH");
    }
    crashes.accepted(key);
  }

  /** The gate has had time to act on what was sent (the promotion loop runs every 300 ms). */
  private static void gateHadItsChance() {
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
  }

  /** t1's 20 established devices of the canary, started and installed. */
  private record Fleet(VendorSetup vendor, String rollout, String key, List<String> devices) {}

  private static Fleet realFleet(int devices) {
    VendorSetup vendor = canary();
    String t1 = Api.newTenant();
    String key = Api.deviceKey(t1);
    List<String> real = canaryDevices(vendor, devices + 1);
    Devices.established(key, vendor.productId(), "1.0.0", real);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    installed(vendor, key, real.subList(0, devices));
    return new Fleet(vendor, rollout, key, real);
  }

  private static String spare(Fleet fleet) {
    return fleet.devices().get(fleet.devices().size() - 1);
  }

  @Test
  void devicesMadeUpAfterTheStartCannotHaltTheRollout() {
    // Given 20 healthy established devices of t1 in the canary
    Fleet fleet = realFleet(20);
    VendorSetup vendor = fleet.vendor();
    String forger = Api.deviceKey(Api.newTenant());

    // When t2 checks in 2, then 8 made-up devices of the canary, and they report crashes
    for (int n : new int[] {2, 8}) {
      List<String> fake = canaryDevices(vendor, n);
      installed(vendor, forger, fake);
      crash(vendor, forger, fake);
    }
    gateHadItsChance();

    // Then: no halt at all; the counters count every offered device, the evidence does not
    JsonPath view = rollout(vendor, fleet.rollout());
    assertThat(view.getString("state")).isEqualTo("IN_PROGRESS");
    assertThat(view.getList("haltedTenants")).isEmpty();
    assertThat(view.getInt("rings[0].crashedDevices")).isEqualTo(10);
    assertThat(view.getInt("rings[0].exposedDevices")).isEqualTo(30);
    assertThat(view.getInt("rings[0].evidence.crashedDevices")).isZero();
    assertThat(view.getInt("rings[0].evidence.exposedDevices")).isEqualTo(20);
    assertThat(view.getInt("rings[0].evidence.tenants")).isEqualTo(1);
    assertThat(Devices.action(fleet.key(), spare(fleet), vendor.productId(), "1.0.0"))
        .isEqualTo("INSTALL");
  }

  @Test
  void devicesPreparedBeforeTheStartHaltTheRolloutForTheirTenantOnly() throws Exception {
    // Given t2 checked in 8 devices whose ids it chose to fall into the canary, before the start
    VendorSetup vendor = canary();
    String t1 = Api.newTenant();
    String t2 = Api.newTenant();
    String key = Api.deviceKey(t1);
    String forger = Api.deviceKey(t2);
    List<String> real = canaryDevices(vendor, 21);
    List<String> fake = canaryDevices(vendor, 8);
    Devices.established(key, vendor.productId(), "1.0.0", real);
    Devices.established(forger, vendor.productId(), "1.0.0", fake);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    installed(vendor, key, real.subList(0, 20));

    // When they install and crash
    installed(vendor, forger, fake);
    crash(vendor, forger, fake);

    // Then: halted for t2 only; t1's devices are still offered the release
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !rollout(vendor, rollout).getList("haltedTenants").isEmpty());
    JsonPath view = rollout(vendor, rollout);
    assertThat(view.getString("state")).isEqualTo("IN_PROGRESS");
    assertThat(view.getString("haltedTenants[0].tenantId")).isEqualTo(t2);
    assertThat(view.getString("haltedTenants[0].reason")).contains("8 of 29");
    assertThat(view.getString("rings[0].verdictDetail")).contains("halted for tenant " + t2);
    assertThat(view.getString("history[-1].reason"))
        .startsWith("health gate: halted for tenant " + t2);
    assertThat(Devices.action(key, real.get(20), vendor.productId(), "1.0.0")).isEqualTo("INSTALL");
    // t2's devices go back (the plan rolls back on a halt), new ones of t2 are not offered it
    assertThat(Devices.action(forger, fake.get(0), vendor.productId(), "2.0.0"))
        .isEqualTo("ROLLBACK");
    assertThat(Devices.action(forger, canaryDevices(vendor, 1).get(0), vendor.productId(), "1.0.0"))
        .isEqualTo("STAY");
    // the event, as other rollout events, in the audit log
    assertThat(audit(rollout, "ROLLOUT_HALTED_FOR_TENANT"))
        .singleElement()
        .satisfies(
            r -> assertThat(r.path("details").path("tenantIds").get(0).asText()).isEqualTo(t2));

    // and t1's fleet admin reads the rollout without t2's id; t2's reads its own halt
    String asT1 = Api.as(Api.fleetAdminKey(t1)).get("/api/v1/rollouts/" + rollout).asString();
    assertThat(asT1).doesNotContain(t2).contains("another tenant");
    JsonPath asT2 =
        Api.as(Api.fleetAdminKey(t2))
            .get("/api/v1/rollouts/" + rollout)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(asT2.getString("haltedTenants[0].tenantId")).isEqualTo(t2);
    assertThat(asT2.getList("excludedTenants")).isEmpty();
  }

  @Test
  void madeUpHealthyDevicesDoNotHideRealCrashes() {
    // Given 10 established devices of t1 took 2.0.0, and t2 adds 300 made-up healthy ones
    Fleet fleet = realFleet(10);
    VendorSetup vendor = fleet.vendor();
    String forger = Api.deviceKey(Api.newTenant());
    installed(vendor, forger, canaryDevices(vendor, 300));

    // When 4 of t1's 10 crash
    crash(vendor, fleet.key(), fleet.devices().subList(0, 4));

    // Then: rolled back, as without the made-up devices
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rollout(vendor, fleet.rollout()).getString("state").equals("ROLLED_BACK"));
    assertThat(rollout(vendor, fleet.rollout()).getInt("rings[0].exposedDevices")).isEqualTo(310);
  }

  @Test
  void aRingOfOneTenantHaltsEveryone() {
    // Given
    Fleet fleet = realFleet(10);

    // When 6 of its 10 devices crash
    crash(fleet.vendor(), fleet.key(), fleet.devices().subList(0, 6));

    // Then
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                rollout(fleet.vendor(), fleet.rollout()).getString("state").equals("ROLLED_BACK"));
    assertThat(rollout(fleet.vendor(), fleet.rollout()).getList("haltedTenants")).isEmpty();
  }

  @Test
  void aResumedRolloutIsNotHaltedAgainByTheEvidenceBeforeTheResume() {
    // Given a rollout rolled back by the gate
    Fleet fleet = realFleet(10);
    VendorSetup vendor = fleet.vendor();
    crash(vendor, fleet.key(), fleet.devices().subList(0, 6));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rollout(vendor, fleet.rollout()).getString("state").equals("ROLLED_BACK"));
    Instant resumed = Instant.now();

    // When the vendor resumes it
    vendor
        .act(fleet.rollout(), "resume", Map.of("reason", "crash was in the test harness"))
        .statusCode(200);
    gateHadItsChance();

    // Then: it stays in progress; the evidence counts from the resume, the counters do not
    JsonPath view = rollout(vendor, fleet.rollout());
    assertThat(view.getString("state")).isEqualTo("IN_PROGRESS");
    assertThat(view.getInt("rings[0].crashedDevices")).isEqualTo(6);
    assertThat(view.getInt("rings[0].evidence.crashedDevices")).isZero();
    assertThat(Instant.parse(view.getString("rings[0].evidence.since")))
        .isAfterOrEqualTo(resumed.minusSeconds(1));

    // and new crashes after the resume still halt it
    crash(vendor, fleet.key(), fleet.devices().subList(4, 10));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rollout(vendor, fleet.rollout()).getString("state").equals("ROLLED_BACK"));
  }

  @Test
  void resumeLiftsATenantHaltAndExcludesTheTenantsEvidenceOnTheRecord() throws Exception {
    // Given a rollout halted for t2, which prepared crashing devices before the start
    VendorSetup vendor = canary();
    String t1 = Api.newTenant();
    String t2 = Api.newTenant();
    String key = Api.deviceKey(t1);
    String forger = Api.deviceKey(t2);
    List<String> real = canaryDevices(vendor, 20);
    List<String> fake = canaryDevices(vendor, 6);
    Devices.established(key, vendor.productId(), "1.0.0", real);
    Devices.established(forger, vendor.productId(), "1.0.0", fake);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    installed(vendor, key, real);
    installed(vendor, forger, fake);
    crash(vendor, forger, fake);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !rollout(vendor, rollout).getList("haltedTenants").isEmpty());

    // When: bad ids are refused, naming the field; a fleet admin may not resume
    vendor
        .act(rollout, "resume", Map.of("reason", "r", "excludeTenants", List.of("not an id!")))
        .statusCode(400)
        .body("violations[0].field", equalTo("excludeTenants"));
    vendor
        .act(rollout, "resume", Map.of("reason", "r", "excludeTenants", List.of("no-such-tenant")))
        .statusCode(400)
        .body("violations[0].field", equalTo("excludeTenants"));
    vendor
        .act(rollout, "pause", Map.of("reason", "r", "excludeTenants", List.of(t2)))
        .statusCode(400)
        .body("violations[0].field", equalTo("excludeTenants"));
    Api.as(Api.fleetAdminKey(t1))
        .body(Map.of("reason", "mine", "excludeTenants", List.of(t2)))
        .post("/api/v1/rollouts/" + rollout + "/resume")
        .then()
        .statusCode(403);
    Api.as(Api.fleetAdminKey(t2))
        .body(Map.of("reason", "let me back in"))
        .post("/api/v1/rollouts/" + rollout + "/resume")
        .then()
        .statusCode(403);
    // and the vendor resumes, excluding t2's evidence
    vendor
        .act(
            rollout,
            "resume",
            Map.of("reason", "t2 fabricated reports", "excludeTenants", List.of(t2)))
        .statusCode(200)
        .body("state", equalTo("IN_PROGRESS"))
        .body("haltedTenants.size()", equalTo(0))
        .body("excludedTenants", equalTo(List.of(t2)));

    // Then: recorded in the audit log; t2's further crashes weigh nothing
    assertThat(audit(rollout, "ROLLOUT_EVIDENCE_EXCLUDED"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path("reason").asText()).isEqualTo("t2 fabricated reports");
              assertThat(r.path("details").path("tenantIds").get(0).asText()).isEqualTo(t2);
            });
    crash(vendor, forger, fake);
    gateHadItsChance();
    JsonPath view = rollout(vendor, rollout);
    assertThat(view.getString("state")).isEqualTo("IN_PROGRESS");
    assertThat(view.getList("haltedTenants")).isEmpty();
    assertThat(Devices.action(forger, fake.get(0), vendor.productId(), "1.0.0"))
        .isEqualTo("INSTALL");
  }

  /** The audit records of one action on the rollout (the operator exports the log). */
  private static List<JsonNode> audit(String rolloutId, String action) throws Exception {
    String body =
        Api.asOperator()
            .queryParam("since", Instant.now().minusSeconds(120).toString())
            .queryParam("limit", 10_000)
            .get("/api/v1/audit")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<JsonNode> records = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        JsonNode record = json.readTree(line);
        if (record.path("action").asText().equals(action)
            && record.path("target").path("id").asText().equals(rolloutId)) {
          records.add(record);
        }
      }
    }
    return records;
  }
}
