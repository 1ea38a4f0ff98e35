package dev.ringgate.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.ringgate.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The operator's console in Chromium: a key created (its secret shown once) and revoked. */
@QuarkusTest
class OperatorConsoleBrowserTest extends ConsoleBrowserTest {

  @Test
  void anOperatorCreatesAKeySeesItsSecretOnceAndRevokesIt() {
    // Given
    String vendor = Api.newVendor();
    signIn(Api.OPERATOR_KEY);
    shoot("console-accounts");
    page.navigate(url("console/keys"));

    // When: a vendor key is created
    page.locator("#key-role").selectOption("VENDOR");
    page.locator("#key-vendor").fill(vendor);
    page.locator("#key-label").fill("release pipeline");
    page.locator("#new-key button").click();

    // Then: its secret is shown, and it works against the API
    assertThat(page.locator("#new-secret")).containsText("rg_");
    shoot("console-key-created");
    String secret = page.locator("#new-secret").textContent().trim();
    Api.as(secret).get("/api/v1/vendors/" + vendor).then().statusCode(200);
    page.navigate(url("console/keys"));
    assertThat(page.content()).doesNotContain(secret);

    // When: revoked, after confirming
    String keyRow = "#key-list tr:has-text('release pipeline'):has-text('" + vendor + "')";
    page.locator(keyRow + " input[name=reason]").fill("rotated");
    page.locator(keyRow + " button").click();

    // Then
    page.waitForURL(u -> u.endsWith("/console/keys"));
    assertThat(page.locator(keyRow + " button")).hasCount(0);
    Api.as(secret).get("/api/v1/vendors/" + vendor).then().statusCode(401);
  }

  @Test
  void anOperatorVerifiesTheAuditChain() {
    // Given
    signIn(Api.OPERATOR_KEY);
    page.navigate(url("console/audit?action=api_key"));

    // When
    page.locator("button", new Page.LocatorOptions().setHasText("Verify the chain")).click();

    // Then
    assertThat(page.locator("#chain-result")).containsText("intact");
    shoot("console-audit");
    assertThat(page.locator("#audit tbody tr").count()).isPositive();
  }
}
