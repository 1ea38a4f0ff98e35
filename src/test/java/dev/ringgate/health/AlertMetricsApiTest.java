package dev.ringgate.health;

import static dev.ringgate.health.AutomaticHaltApiTest.canaryDevices;
import static dev.ringgate.health.AutomaticHaltApiTest.rollout;
import static dev.ringgate.health.AutomaticHaltApiTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Metrics;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics operators alert on move as rollouts do (docs/operations.md, Monitoring). */
@QuarkusTest
class AlertMetricsApiTest {

  private static double rollouts(String productId, String state) {
    return Metrics.valueOrZero("ringgate_rollouts", Map.of("product", productId, "state", state));
  }

  private static double halts(String productId, String reason) {
    return Metrics.valueOrZero(
        "ringgate_rollout_halts_total", Map.of("product", productId, "reason", reason));
  }

  @Test
  void anAutomaticHaltCountsItsReasonAndMovesTheRolloutStateGauges() {
    // Given: a canary of 2.0.0 in progress, installed and booted on ten devices
    VendorSetup vendor = AutomaticHaltApiTest.canary();
    String key = Api.deviceKey(Api.newTenant());
    List<String> devices = canaryDevices(vendor.productId(), 10);
    Devices.established(key, vendor.productId(), "1.0.0", devices);
    String rollout = start(vendor, "2.0.0");
    Telemetry booted = Telemetry.batch();
    for (String device : devices) {
      Devices.action(key, device, vendor.productId(), "1.0.0");
      booted.add(device, vendor.productId(), "2.0.0", "INSTALLED");
    }
    booted.accepted(key);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> rollouts(vendor.productId(), "IN_PROGRESS") == 1);
    assertThat(rollouts(vendor.productId(), "ROLLED_BACK")).isZero();
    assertThat(rollouts(vendor.productId(), "COMPLETED")).isEqualTo(1);

    // When: six of them crash at once
    Telemetry crashes = Telemetry.batch();
    for (String device : devices.subList(0, 6)) {
      crashes.add(device, vendor.productId(), "2.0.0", "CRASH");
    }
    crashes.accepted(key);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rollout(vendor, rollout).getString("state").equals("ROLLED_BACK"));

    // Then: one halt by the catastrophic fast path, and the rollout moved from one gauge to the
    // next
    assertThat(halts(vendor.productId(), "catastrophic")).isEqualTo(1);
    assertThat(halts(vendor.productId(), "crash-rate")).isZero();
    assertThat(halts(vendor.productId(), "silence")).isZero();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(rollouts(vendor.productId(), "ROLLED_BACK")).isEqualTo(1);
              assertThat(rollouts(vendor.productId(), "IN_PROGRESS")).isZero();
            });
  }

  @Test
  void aManualHaltIsNotCountedAsAnAutomaticOne() {
    // Given: a rollout in progress, whose halt counters the gate registered at 0
    VendorSetup vendor = AutomaticHaltApiTest.canary();
    String rollout = start(vendor, "2.0.0");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                Metrics.value(
                        "ringgate_rollout_halts_total",
                        Map.of("product", vendor.productId(), "reason", "crash-rate"))
                    != null);

    // When
    vendor.act(rollout, "halt", Map.of("reason", "looks wrong")).statusCode(200);

    // Then
    await().atMost(Duration.ofSeconds(5)).until(() -> rollouts(vendor.productId(), "HALTED") == 1);
    for (String reason : List.of("catastrophic", "crash-rate", "silence")) {
      assertThat(halts(vendor.productId(), reason)).as(reason).isZero();
    }
  }

  @Test
  void theGateOfEveryRolloutInProgressWasEvaluatedRecently() {
    // Given: a rollout in progress, watched by the promotion loop (every 300 ms in tests)
    VendorSetup vendor = AutomaticHaltApiTest.canary();
    start(vendor, "2.0.0");

    // When
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Metrics.valueOrZero("ringgate_gate_watched", Map.of()) >= 1);
    String text = Metrics.scrape();

    // Then: its verdict is fresh, and the store is reachable (not fail-static)
    assertThat(Metrics.value(text, "ringgate_gate_verdict_age_seconds", Map.of()))
        .isNotNull()
        .isLessThan(5.0);
    assertThat(Metrics.value(text, "ringgate_store_fail_static", Map.of())).isZero();
    assertThat(Metrics.value(text, "ringgate_store_unreachable_seconds", Map.of())).isZero();
    assertThat(Metrics.value(text, "ringgate_registry_fill", Map.of())).isNotNull();
  }
}
