package dev.ringgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.ringgate.support.Api;
import dev.ringgate.support.Plans;
import dev.ringgate.support.ReleaseBuilder;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference agent against a running server, as a device runs it from cron. */
@QuarkusTest
class AgentEndToEndTest {
  @TempDir Path files;
  private Path state;
  private HttpServer downloads;

  /** A new device for each test (a @TempDir field would be shared: Quarkus keeps one instance). */
  @BeforeEach
  void aNewDevice() throws IOException {
    state = Files.createTempDirectory(files, "device-");
  }

  /** The vendor's download server: releases must name an http(s) URL. */
  @BeforeEach
  void aDownloadServer() throws IOException {
    downloads = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    downloads.createContext(
        "/",
        exchange -> {
          Path file = files.resolve(exchange.getRequestURI().getPath().substring(1));
          byte[] body = Files.readAllBytes(file);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    downloads.start();
  }

  @AfterEach
  void stopDownloads() {
    downloads.stop(0);
  }

  /** A vendor whose product rolls to everyone in one ring, and a signed 2.0.0 artifact on disk. */
  private record World(VendorSetup vendor, Path artifact, String url, String deviceKey) {
    ReleaseBuilder release(String version) throws Exception {
      byte[] bytes = Files.readAllBytes(artifact);
      return vendor
          .release(version)
          .url(url)
          .sizeBytes(bytes.length)
          .sha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    /** Publishes and starts {@code release}; returns the rollout id. */
    String start(ReleaseBuilder release) {
      String rollout =
          Api.as(vendor.key())
              .body(release.body())
              .post("/api/v1/products/" + vendor.productId() + "/releases")
              .then()
              .statusCode(201)
              .extract()
              .path("rolloutId");
      vendor.act(rollout, "start", Map.of()).statusCode(200);
      return rollout;
    }

    int exposed(String rollout) {
      return Api.as(vendor.key())
          .get("/api/v1/rollouts/" + rollout)
          .then()
          .statusCode(200)
          .extract()
          .path("rings[0].exposedDevices");
    }
  }

  private World world() throws IOException {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    Path artifact = Files.writeString(files.resolve("agent-2.0.0.msi"), "the bytes of 2.0.0");
    String url =
        "http://127.0.0.1:" + downloads.getAddress().getPort() + "/" + artifact.getFileName();
    return new World(vendor, artifact, url, Api.deviceKey(Api.newTenant()));
  }

  private int agentOnce(World world, String... more) {
    return agentTrusting(
        world, VendorSetup.KEY_ID + "=" + world.vendor().signer().publicKeyBase64(), more);
  }

  private int agentTrusting(World world, String vendorKey, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--server",
                "http://localhost:" + RestAssured.port,
                "--key",
                world.deviceKey(),
                "--product",
                world.vendor().productId(),
                "--platform",
                "windows-x64",
                "--state-dir",
                state.toString(),
                "--vendor-key",
                vendorKey,
                "--once"));
    args.addAll(List.of(more));
    return AgentCommand.run(args.toArray(String[]::new));
  }

  @Test
  void anAgentInstallsAVerifiedReleaseAndItsReportsReachTheRollout() throws Exception {
    // Given: 2.0.0 rolling to everyone
    World world = world();
    String rollout = world.start(world.release("2.0.0"));

    // When: a new device's agent runs one cycle
    int exit = agentOnce(world);

    // Then: it installed 2.0.0, and its INSTALLED report made it an exposed device
    assertThat(exit).isZero();
    InstalledVersions versions = new InstalledVersions(state);
    assertThat(versions.current()).isEqualTo("2.0.0");
    assertThat(versions.dir("2.0.0").resolve("agent-2.0.0.msi")).hasContent("the bytes of 2.0.0");
    await().atMost(Duration.ofSeconds(10)).until(() -> world.exposed(rollout) == 1);
    assertThat(new TelemetrySpool(state, null, 1, d -> {}, null, m -> {}).pending()).isEmpty();
  }

  @Test
  void theNextRunFromTheNewVersionIsAGoodBootAndSendsAHeartbeat() throws Exception {
    // Given: a device that installed 2.0.0
    World world = world();
    world.start(world.release("2.0.0"));
    assertThat(agentOnce(world)).isZero();

    // When: it runs again once 2.0.0 counts as healthy
    int exit = agentOnce(world, "--healthy-after", "PT0S");

    // Then: it stays, the watchdog knows 2.0.0 is healthy, and the HEARTBEAT was sent
    assertThat(exit).isZero();
    String device = DeviceIdentity.load(state, null);
    assertThat(new InstalledVersions(state).current()).isEqualTo("2.0.0");
    assertThat(state.resolve("healthy")).hasContent("2.0.0");
    assertThat(new TelemetrySpool(state, null, 1, d -> {}, null, m -> {}).pending()).isEmpty();
    assertThat(device).startsWith("inst-");
  }

  @Test
  void aReleaseSignedWithAKeyTheAgentDoesNotPinIsNotInstalled() throws Exception {
    // Given: 2.0.0 rolling, signed with the vendor's registered key, but the agent pins another
    World world = world();
    world.start(world.release("2.0.0"));

    // When
    int exit =
        agentTrusting(world, "other-key=" + new dev.ringgate.support.Signer().publicKeyBase64());

    // Then: nothing installed; the INSTALL_FAILED report was accepted (spool empty)
    assertThat(exit).isZero();
    assertThat(new InstalledVersions(state).current()).isNull();
    assertThat(new TelemetrySpool(state, null, 1, d -> {}, null, m -> {}).pending()).isEmpty();
  }

  @Test
  void helpPrintsTheOptionsAndAMissingServerIsAUsageError() {
    assertThat(AgentCommand.run("--help")).isZero();
    assertThat(AgentCommand.run("--product", "p", "--platform", "linux-x64")).isEqualTo(2);
  }
}
