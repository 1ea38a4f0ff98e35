package dev.ringgate.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fleet admin's console in Chromium: approvals, a policy, the emergency stop. */
@QuarkusTest
class FleetConsoleBrowserTest extends ConsoleBrowserTest {

  /** A tenant that requires approval, whose device found 2.0.0 waiting for it. */
  private record Fleet(
      VendorSetup vendor, String tenant, String admin, String deviceKey, String device) {}

  private static Fleet waitingForApproval() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    String tenant = Api.newTenant();
    String admin = Api.fleetAdminKey(tenant);
    Api.as(admin)
        .body(Map.of("channel", "STAGED", "requireApproval", true))
        .put("/api/v1/tenants/" + tenant + "/policies/" + vendor.productId())
        .then()
        .statusCode(200);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    String deviceKey = Api.deviceKey(tenant);
    String device = Api.uniqueId("icu");
    Devices.checkin(deviceKey, device, vendor.productId(), "1.0.0").then().statusCode(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> !pending(admin, tenant).isEmpty());
    return new Fleet(vendor, tenant, admin, deviceKey, device);
  }

  private static List<Object> pending(String admin, String tenant) {
    return Api.as(admin)
        .queryParam("state", "PENDING")
        .get("/api/v1/tenants/" + tenant + "/approvals")
        .then()
        .extract()
        .jsonPath()
        .getList("id");
  }

  @Test
  void anAdminApprovesAPendingRelease() {
    // Given
    Fleet fleet = waitingForApproval();
    signIn(fleet.admin());
    assertThat(page.locator("h1")).containsText("Approvals");
    shoot("console-approvals");

    // When
    page.locator("form.approval input[name=reason]").fill("tested in the lab");
    page.locator(
            "form.approval button",
            new com.microsoft.playwright.Page.LocatorOptions().setHasText("Approve"))
        .click();

    // Then
    assertThat(page.locator("form.approval .done")).containsText("Approved");
    assertThat(pending(fleet.admin(), fleet.tenant())).isEmpty();
    assertThat(
            Devices.action(fleet.deviceKey(), fleet.device(), fleet.vendor().productId(), "1.0.0"))
        .isEqualTo("INSTALL");
  }

  @Test
  void anAdminSeesAValidationErrorNextToABadWindowThenSavesAGoodOne() {
    // Given
    Fleet fleet = waitingForApproval();
    signIn(fleet.admin());
    page.navigate(
        url("console/tenants/" + fleet.tenant() + "/policies/" + fleet.vendor().productId()));

    // When: a window that starts at 25:00
    page.locator("input[name='w0.days'][value=SAT]").check();
    page.locator("input[name='w0.start']").fill("25:00");
    page.locator("input[name='w0.end']").fill("04:00");
    page.locator("#policy-form button[type=submit]").click();

    // Then: the error stands next to the start field, and nothing was saved
    assertThat(page.locator("[id='w0.start-error']")).containsText("HH:mm");
    shoot("console-policy-error");
    assertThat(windows(fleet)).isEmpty();

    // When: corrected
    page.locator("input[name='w0.start']").fill("01:00");
    page.locator("#policy-form button[type=submit]").click();

    // Then
    assertThat(page.locator("#policy-form .done")).hasText("Saved.");
    assertThat(windows(fleet)).hasSize(1);
  }

  private static List<Object> windows(Fleet fleet) {
    return Api.as(fleet.admin())
        .get("/api/v1/tenants/" + fleet.tenant() + "/policies/" + fleet.vendor().productId())
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("maintenanceWindows");
  }

  @Test
  void anAdminTriggersAndLiftsTheEmergencyStop() {
    // Given
    String tenant = Api.newTenant();
    signIn(Api.fleetAdminKey(tenant));
    page.navigate(url("console/tenants/" + tenant + "/stop"));
    assertThat(page.locator("#stop-state")).containsText("Not stopped");

    // When: stopped, after confirming, with a reason
    page.locator("#stop-reason").fill("bad batch in the field");
    page.locator(
            "button",
            new com.microsoft.playwright.Page.LocatorOptions().setHasText("Stop all updates"))
        .click();

    // Then
    assertThat(page.locator("#stop-state")).containsText("STOPPED");
    shoot("console-emergency-stop");

    // When: lifted
    page.locator("#stop-reason").fill("fixed");
    page.locator(
            "button",
            new com.microsoft.playwright.Page.LocatorOptions().setHasText("Lift the stop"))
        .click();

    // Then
    assertThat(page.locator("#stop-state")).containsText("Not stopped");
  }

  @Test
  void anotherTenantsApprovalPageShowsNothing() {
    // Given: tenant A's release waiting for approval, and tenant B's admin signed in
    Fleet fleet = waitingForApproval();
    String approval = (String) pending(fleet.admin(), fleet.tenant()).get(0);
    signIn(Api.fleetAdminKey(Api.newTenant()));

    // When
    page.navigate(url("console/tenants/" + fleet.tenant() + "/approvals"));

    // Then
    assertThat(page.locator("h1")).hasText("Not found");
    assertThat(page.content()).doesNotContain(approval).doesNotContain("2.0.0");
  }
}
