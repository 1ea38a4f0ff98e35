package dev.ringgate.console;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.ringgate.support.Api;
import dev.ringgate.support.Browser;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * What the console's browser tests share: one headless Chromium for the test run, a fresh context
 * (cookies) per test, signing in, and the screenshots of docs/images/, saved when the run has
 * {@code -Dringgate.screenshots=true} (see docs/console.md). Confirmation dialogs are accepted.
 */
@Tag("browser")
abstract class ConsoleBrowserTest {
  private static final Optional<String> MISSING = Browser.missing();
  private static final boolean SCREENSHOTS = Boolean.getBoolean("ringgate.screenshots");
  private static Browser browser;

  @TestHTTPResource("/")
  URL base;

  BrowserContext context;
  Page page;

  @BeforeEach
  void open() {
    Assumptions.assumeTrue(MISSING.isEmpty(), MISSING.orElse(""));
    if (browser == null) {
      browser = Browser.launch();
    }
    context = browser.newContext();
    page = context.newPage();
    page.onDialog(dialog -> dialog.accept());
  }

  @AfterEach
  void closeContext() {
    if (context != null) {
      context.close();
    }
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  void signIn(String key) {
    page.navigate(url("console/sign-in"));
    if (SCREENSHOTS && !signInShot) {
      signInShot = true;
      shoot("console-sign-in");
    }
    page.locator("#key").fill(key);
    page.locator("button[type=submit]").click();
    page.waitForURL(u -> !u.contains("/sign-in"));
  }

  private static boolean signInShot;

  static String state(VendorSetup vendor, String rollout) {
    return Api.as(vendor.key()).get("/api/v1/rollouts/" + rollout).then().extract().path("state");
  }

  String url(String path) {
    return base.toString() + path;
  }

  void shoot(String name) {
    if (SCREENSHOTS) {
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(Path.of("docs", "images", name + ".png"))
              .setFullPage(true));
    }
  }

  static Locator byText(Page page, String selector, String text) {
    return page.locator(selector, new Page.LocatorOptions().setHasText(text));
  }
}
