package dev.ringgate.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import dev.ringgate.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OIDC sign-in in Chromium, against a real provider ({@link OidcProvider}). */
@QuarkusTest
@TestProfile(OidcProvider.Profile.class)
class OidcConsoleBrowserTest extends ConsoleBrowserTest {
  @Test
  void aVendorSignsInWithTheProviderAndSignsOut() {
    // Given
    String vendorId = Api.newVendor();
    OidcProvider.nextToken(
        "alice@example.com", Map.of("groups", List.of("VENDOR"), "ringgate_vendor", vendorId));
    page.navigate(url("console/sign-in"));

    // When
    page.locator("#oidc-sign-in").click();

    // Then: the vendor's start page, signed in as the token's subject
    page.waitForURL(u -> u.endsWith("/console/rollouts"));
    assertThat(page.locator(".who")).containsText("vendor " + vendorId);
    assertThat(page.locator(".who")).containsText("alice@example.com");

    // When: signing out
    page.locator(".who button").click();

    // Then: the session is gone
    page.waitForURL(u -> u.endsWith("/console/sign-in"));
    page.navigate(url("console/rollouts"));
    page.waitForURL(u -> u.endsWith("/console/sign-in"));
  }
}
