package dev.ringgate.support;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium driven by Playwright for Java, for the console's browser tests. Playwright's
 * driver runs on a Node.js of version 20 or newer ({@code PLAYWRIGHT_NODEJS_PATH}, else {@code
 * .tools/node/bin/node}, else {@code /usr/bin/node}); the browser is {@code RINGGATE_CHROMIUM},
 * else {@code /usr/bin/chromium}. {@code .ci/run} installs both; where either is missing, {@link
 * #missing()} says what, and the tests skip with that message.
 */
public final class Browser implements AutoCloseable {
  private static final List<String> ARGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync");

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser browser;

  private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Why the browser tests cannot run here, or empty when they can. */
  public static Optional<String> missing() {
    if (!Files.isExecutable(chromium())) {
      return Optional.of(
          "Chromium is not installed at "
              + chromium()
              + " (apt-get install -y chromium; .ci/run does it): browser test skipped");
    }
    Optional<Path> node = node();
    if (node.isEmpty()) {
      return Optional.of(
          "no Node.js 20 or newer for Playwright's driver (PLAYWRIGHT_NODEJS_PATH,"
              + " .tools/node/bin/node or /usr/bin/node; .ci/get-node installs one): browser test"
              + " skipped");
    }
    return Optional.empty();
  }

  /** Starts Playwright and a headless Chromium; call only when {@link #missing()} is empty. */
  public static Browser launch() {
    Path node = node().orElseThrow();
    System.setProperty("playwright.nodejs.path", node.toString());
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions()
                .setEnv(
                    Map.of(
                        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD",
                        "1",
                        "PLAYWRIGHT_NODEJS_PATH",
                        node.toString())));
    com.microsoft.playwright.Browser browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setHeadless(true)
                    .setExecutablePath(chromium())
                    .setArgs(ARGS));
    return new Browser(playwright, browser);
  }

  /** A fresh context (its own cookies) with a laptop-sized window. */
  public BrowserContext newContext() {
    return browser.newContext(new NewContextOptions().setViewportSize(1440, 900));
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }

  static Path chromium() {
    String configured = System.getenv("RINGGATE_CHROMIUM");
    return Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
  }

  static Optional<Path> node() {
    String configured = System.getenv("PLAYWRIGHT_NODEJS_PATH");
    for (String candidate :
        new String[] {configured, ".tools/node/bin/node", "/usr/bin/node", "/usr/local/bin/node"}) {
      if (candidate != null && !candidate.isBlank() && atLeast20(Path.of(candidate))) {
        return Optional.of(Path.of(candidate).toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  private static boolean atLeast20(Path node) {
    if (!Files.isExecutable(node)) {
      return false;
    }
    try {
      Process process = new ProcessBuilder(node.toString(), "--version").start();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      String version =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return version.startsWith("v")
          && Integer.parseInt(version.substring(1, version.indexOf('.'))) >= 20;
    } catch (IOException | NumberFormatException | StringIndexOutOfBoundsException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
