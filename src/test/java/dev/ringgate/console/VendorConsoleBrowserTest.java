package dev.ringgate.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vendor's console in Chromium: a live halt, a rollback, escaping, CSRF. */
@QuarkusTest
class VendorConsoleBrowserTest extends ConsoleBrowserTest {
  @Test
  void aVendorWatchesARolloutHaltLiveAndRollsItBack() {
    // Given: a canary of 2.0.0 on ten devices, and its page open in the vendor's console
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    Plans.rings(100, 10_000).auto().minDevices(50).onHaltStop().applyTo(vendor);
    String deviceKey = Api.deviceKey(Api.newTenant());
    List<String> devices = Devices.manyInBasisPoints(vendor.productId(), 0, 100, 10);
    Devices.established(deviceKey, vendor.productId(), "1.0.0", devices);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    Telemetry booted = Telemetry.batch();
    for (String device : devices) {
      Devices.action(deviceKey, device, vendor.productId(), "1.0.0");
      booted.add(device, vendor.productId(), "2.0.0", "INSTALLED");
    }
    booted.accepted(deviceKey);
    signIn(vendor.key());
    page.navigate(url("console/rollouts"));
    assertThat(page.locator("#running")).containsText("2.0.0");
    shoot("console-rollouts");
    page.locator("#running a", new Page.LocatorOptions().setHasText("2.0.0")).first().click();
    assertThat(page.locator("#rollout-state")).hasText("In progress");
    assertThat(page.locator("button.action-promote")).isVisible();
    assertThat(page.locator("body")).hasAttribute("data-live", "open");

    // When: six of them crash, and the health gate halts the rollout
    Telemetry crashes = Telemetry.batch();
    for (String device : devices.subList(0, 6)) {
      crashes.add(device, vendor.productId(), "2.0.0", "CRASH");
    }
    crashes.accepted(deviceKey);
    await().atMost(Duration.ofSeconds(15)).until(() -> "HALTED".equals(state(vendor, rollout)));

    // Then: the open page shows the halt within 2 seconds, without a reload
    assertThat(page.locator("#rollout-state"))
        .hasText("Halted", new LocatorAssertions.HasTextOptions().setTimeout(2000));
    assertThat(page.locator("#verdict")).containsText("health gate");
    assertThat(page.locator("#chart"))
        .hasAttribute(
            "data-halts", "1", new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
    // and its buttons are those of a halted rollout: no promote or pause left over
    assertThat(page.locator("#action-buttons button")).hasText(new String[] {"resume", "rollback"});
    shoot("console-rollout-halted");
    // and picking the canary charts it alone, with the gate's evidence against its threshold
    page.locator("#chart-ring").selectOption("0");
    assertThat(page.locator("#chart"))
        .hasAttribute(
            "data-ring", "0", new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));

    // When: the vendor rolls it back, with a reason, after confirming (on the same page)
    page.locator("#action-reason").fill("canary crashed");
    page.locator("button.action-rollback").click();

    // Then
    assertThat(page.locator("#action-result")).containsText("rolled back");
    assertThat(page.locator("#rollout-state")).hasText("Rolled back");
    assertThat(ConsoleBrowserTest.state(vendor, rollout)).isEqualTo("ROLLED_BACK");
  }

  @Test
  void aReleaseNoteWithAScriptTagRendersAsText() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String notes = "<script>window.pwned = 1</script><b>bold?</b>";
    String rollout =
        Api.as(vendor.key())
            .body(vendor.release("1.0.0").notes(notes).body())
            .post("/api/v1/products/" + vendor.productId() + "/releases")
            .then()
            .statusCode(201)
            .extract()
            .path("rolloutId");
    signIn(vendor.key());

    // When
    page.navigate(url("console/rollouts/" + rollout));

    // Then
    assertThat(page.locator("pre.notes")).hasText(notes);
    assertThat(page.locator("pre.notes b")).hasCount(0);
    assertThat(page.evaluate("() => typeof window.pwned")).isEqualTo("undefined");
  }

  @Test
  void aStateChangeWithoutTheCsrfTokenIsRefused() {
    // Given: a vendor signed in, with a running rollout
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("1.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    signIn(vendor.key());
    long audit = Api.auditHead();

    // When: the session's cookie is sent, but not the page's CSRF token
    int status =
        page.request()
            .post(
                url("console/rollouts/" + rollout + "/halt"),
                RequestOptions.create().setForm(FormData.create().set("reason", "forged")))
            .status();

    // Then
    assertThat(status).isEqualTo(403);
    assertThat(ConsoleBrowserTest.state(vendor, rollout)).isEqualTo("IN_PROGRESS");
    assertThat(Api.auditHead()).isEqualTo(audit);
  }
}
