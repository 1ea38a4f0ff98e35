package dev.ringgate.cli;

import static dev.ringgate.support.Api.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.kernel.ApiClient;
import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Plans;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every client command against a running server, as its users type it. */
@QuarkusTest
class CliServerTest {
  @TestHTTPResource("/")
  URL server;

  @TempDir Path dir;

  /** Runs the command line with {@code --server} and {@code --key} appended. */
  private CliRun as(String key, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--server", server.toString(), "--key", key));
    return CliRun.of(all.toArray(String[]::new));
  }

  private CliRun asOperatorCli(String... args) {
    return as(Api.OPERATOR_KEY, args);
  }

  private static CliRun ok(CliRun run) {
    assertThat(run.code()).as("stderr: %s", run.err()).isZero();
    return run;
  }

  private static String line(CliRun run, String prefix) {
    return run.out()
        .lines()
        .filter(l -> l.startsWith(prefix + " "))
        .findFirst()
        .orElseThrow()
        .substring(prefix.length() + 1);
  }

  @Test
  void a_vendor_lists_its_own_products_and_not_another_vendors() {
    // Given two vendors with a product each
    String key = Api.vendorKey(Api.newVendor());
    String mine = Api.uniqueId("product");
    ok(as(key, "product", "create", mine, "--kind", "CONTENT", "--name", "Channel files"));
    String theirs = Api.newProduct(Api.vendorKey(Api.newVendor()), "AGENT");

    // When
    CliRun list = ok(as(key, "product", "list"));

    // Then
    assertThat(list.out()).startsWith("PRODUCT").doesNotContain(theirs);
    assertThat(line(list, mine)).contains("CONTENT").endsWith("Channel files");
  }

  @Test
  void an_operator_creates_a_vendor_a_tenant_and_keys_that_work_until_revoked() {
    // Given
    String vendor = Api.uniqueId("vendor");
    ok(asOperatorCli("vendor", "create", vendor, "--name", "Contoso"));
    ok(asOperatorCli("tenant", "create", Api.uniqueId("tenant")));

    // When
    CliRun created =
        ok(asOperatorCli("key", "create", "--role", "VENDOR", "--vendor", vendor, "--label", "ci"));
    String secret = created.out().strip();
    String keyId = created.err().replaceFirst("(?s).*key id: (\\S+).*", "$1");

    // Then the key works, and stops working once revoked
    ok(as(secret, "product", "create", Api.uniqueId("product")));
    ok(asOperatorCli("key", "revoke", keyId, "--reason", "leaked"));
    CliRun refused = as(secret, "product", "create", Api.uniqueId("product"));
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("401");
  }

  @Test
  void a_vendor_publishes_from_an_artifact_file_with_a_key_made_by_keygen() throws Exception {
    // Given a vendor with a key pair from keygen, registered, and a product with a plan
    String vendor = Api.newVendor();
    String key = Api.vendorKey(vendor);
    Path pem = dir.resolve("ci.pem");
    ok(CliRun.of("keygen", "--out", pem.toString()));
    ok(
        as(
            key,
            "signing-key",
            "put",
            "--vendor",
            vendor,
            "--key-id",
            "ci-1",
            "--public-key-file",
            dir.resolve("ci.pem.pub").toString()));
    String product = Api.uniqueId("product");
    ok(as(key, "product", "create", product, "--kind", "AGENT"));
    Path plan = dir.resolve("plan.json");
    ApiClient.json().writeValue(plan.toFile(), Plans.rings(100, 10_000).body());
    ok(as(key, "ring-plan", "set", "--product", product, "--file", plan.toString()));
    Path artifact = dir.resolve("agent-2.0.0.msi");
    Files.write(artifact, "the installer".getBytes());

    // When
    CliRun published =
        as(
            key,
            "release",
            "publish",
            "--product",
            product,
            "--version",
            "2.0.0",
            "--platform",
            "windows-x64",
            "--requires",
            "[1.0,)",
            "--artifact",
            artifact.toString(),
            "--url",
            "https://cdn.example.com/agent-2.0.0.msi",
            "--signing-key",
            pem.toString(),
            "--key-id",
            "ci-1",
            "--notes",
            "first");

    // Then the server holds the release with the file's hash and size, and a pending rollout
    ok(published);
    String releaseId = line(published, "release");
    String rolloutId = line(published, "rollout");
    JsonNode release =
        ApiClient.json()
            .readTree(
                Api.as(key)
                    .get("/api/v1/releases/" + releaseId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
    assertThat(release.path("artifact").path("sha256").asText())
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(artifact))));
    assertThat(release.path("artifact").path("sizeBytes").asLong()).isEqualTo(13);
    assertThat(release.path("rolloutId").asText()).isEqualTo(rolloutId);
    assertThat(ok(as(key, "product", "get", product)).out()).contains("\"shareBp\" : 100");
    assertThat(ok(as(key, "signing-key", "list", "--vendor", vendor)).out()).contains("ci-1");
  }

  @Test
  void a_vendor_moves_a_rollout_through_every_action() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(100, 5_000, 10_000).applyTo(vendor);
    String rollout = vendor.publishRollout("2.0.0");
    String key = vendor.key();

    // When / Then: each action answers with the rollout's new state and ring
    assertThat(ok(as(key, "rollout", "start", rollout)).out())
        .contains("IN_PROGRESS, ring 1 of 3 (ring0)");
    assertThat(ok(as(key, "rollout", "promote", rollout, "--force", "--reason", "lab ok")).out())
        .contains("IN_PROGRESS, ring 2 of 3 (ring1)");
    assertThat(ok(as(key, "rollout", "pause", rollout)).out()).contains("PAUSED");
    assertThat(ok(as(key, "rollout", "resume", rollout)).out()).contains("IN_PROGRESS");
    assertThat(ok(as(key, "rollout", "halt", rollout, "--reason", "crashes")).out())
        .contains("HALTED");
    assertThat(ok(as(key, "rollout", "rollback", rollout, "--reason", "crashes")).out())
        .contains("ROLLED_BACK");
    assertThat(ok(as(key, "rollout", "list", "--product", vendor.productId())).out())
        .contains(rollout)
        .contains("ROLLED_BACK");
    assertThat(ok(as(key, "rollout", "show", rollout, "--json")).out())
        .contains("\"state\" : \"ROLLED_BACK\"");
  }

  @Test
  void an_action_the_state_forbids_prints_the_servers_problem_and_exits_1() {
    // Given a rollout not started
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("2.0.0");

    // When
    CliRun run = as(vendor.key(), "rollout", "promote", rollout);

    // Then
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).startsWith("ringgate rollout promote: 409 ");
  }

  @Test
  void bad_input_prints_each_violations_field_and_message() {
    // Given a vendor
    String key = Api.vendorKey(Api.newVendor());

    // When
    CliRun run = as(key, "product", "create", "no spaces allowed", "--name", "x".repeat(300));

    // Then
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("400").contains("\n  id: ").contains("\n  name: ");
  }

  @Test
  void watch_shows_the_ring_table_and_exits_3_once_the_rollout_halted() {
    // Given a halted rollout
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(100, 10_000).onHaltStop().applyTo(vendor);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    vendor.act(rollout, "halt", Map.of("reason", "crashes")).statusCode(200);

    // When
    CliRun run = as(vendor.key(), "rollout", "watch", rollout, "--once");

    // Then
    assertThat(run.code()).as(run.err()).isEqualTo(Cli.HALTED);
    assertThat(run.out())
        .contains("RING", "ADMITTED", "EXPOSED", "CRASHED", "SILENT", "CONTROL", "VERDICT")
        .containsPattern("ring0 +1% +1% +HALTED")
        .containsPattern("ring1 +100% +- +PENDING")
        .containsPattern("HALTED by \\S+: crashes")
        .contains("Next: halted; devices on 2.0.0 stay");
  }

  @Test
  void watch_follows_a_rollout_until_it_settles_and_exits_0_when_completed() {
    // Given a completed rollout
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.complete("2.0.0");

    // When
    CliRun run = as(vendor.key(), "rollout", "watch", rollout, "--interval", "1");

    // Then
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("COMPLETED").contains("Next: completed");
  }

  @Test
  void a_fleet_admin_sets_a_policy_stops_and_unstops_and_sees_the_fleet() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String tenant = Api.newTenant();
    String admin = Api.fleetAdminKey(tenant);
    String product = vendor.productId();

    // When / Then
    ok(
        as(
            admin,
            "policy",
            "set",
            "--tenant",
            tenant,
            "--product",
            product,
            "--channel",
            "GENERAL",
            "--require-approval",
            "--reason",
            "cautious"));
    assertThat(ok(as(admin, "policy", "get", "--tenant", tenant, "--product", product)).out())
        .contains("\"channel\" : \"GENERAL\"")
        .contains("\"requireApproval\" : true");
    ok(as(admin, "stop", "--tenant", tenant, "--reason", "incident"));
    assertThat(ok(as(admin, "fleet", "--tenant", tenant, "--product", product)).out())
        .contains("\"stopped\" : true");
    ok(as(admin, "unstop", "--tenant", tenant, "--reason", "resolved"));
    assertThat(ok(as(admin, "fleet", "--tenant", tenant, "--product", product)).out())
        .contains("\"stopped\" : false");
  }

  @Test
  void policy_set_without_a_file_changes_only_the_fields_it_is_given() {
    // Given a tenant with no policy yet
    VendorSetup vendor = VendorSetup.agentVendor();
    String tenant = Api.newTenant();
    String admin = Api.fleetAdminKey(tenant);
    String product = vendor.productId();
    String[] get = {"policy", "get", "--tenant", tenant, "--product", product};

    // When approval alone is asked for
    ok(as(admin, "policy", "set", "--tenant", tenant, "--product", product, "--require-approval"));

    // Then the default channel stays
    assertThat(ok(as(admin, get)).out())
        .contains("\"channel\" : \"STAGED\"")
        .contains("\"requireApproval\" : true");

    // When the channel changes, then approval again
    ok(
        as(
            admin,
            "policy",
            "set",
            "--tenant",
            tenant,
            "--product",
            product,
            "--channel",
            "GENERAL"));
    ok(
        as(
            admin,
            "policy",
            "set",
            "--tenant",
            tenant,
            "--product",
            product,
            "--no-require-approval"));

    // Then each change kept the other field
    assertThat(ok(as(admin, get)).out())
        .contains("\"channel\" : \"GENERAL\"")
        .contains("\"requireApproval\" : false");
  }

  @Test
  void policy_set_with_nothing_to_change_is_a_usage_error() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String tenant = Api.newTenant();

    // When
    CliRun run =
        as(
            Api.fleetAdminKey(tenant),
            "policy",
            "set",
            "--tenant",
            tenant,
            "--product",
            vendor.productId(),
            "--reason",
            "nothing");

    // Then
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("give --file, or the fields to change");
  }

  @Test
  void a_fleet_admin_approves_and_rejects_what_waits_for_approval() {
    // Given two tenants requiring approval, each with a device held back by a started rollout
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    String[] approvals = new String[2];
    String[] tenants = new String[2];
    String[] admins = new String[2];
    for (int i = 0; i < 2; i++) {
      tenants[i] = Api.newTenant();
      admins[i] = Api.fleetAdminKey(tenants[i]);
      ok(
          as(
              admins[i],
              "policy",
              "set",
              "--tenant",
              tenants[i],
              "--product",
              vendor.productId(),
              "--channel",
              "STAGED",
              "--require-approval"));
      String device = Api.uniqueId("icu");
      Devices.checkin(Api.deviceKey(tenants[i]), device, vendor.productId(), "1.0.0")
          .then()
          .statusCode(200);
      String tenant = tenants[i];
      String admin = admins[i];
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> as(admin, "approvals", "list", "--tenant", tenant).out().contains("2.0.0"));
      approvals[i] =
          ok(as(admin, "approvals", "list", "--tenant", tenant))
              .out()
              .lines()
              .skip(1)
              .findFirst()
              .orElseThrow()
              .split(" +")[0];
    }

    // When
    CliRun approved = as(admins[0], "approvals", "approve", "--tenant", tenants[0], approvals[0]);
    CliRun rejected =
        as(
            admins[1],
            "approvals",
            "reject",
            "--tenant",
            tenants[1],
            approvals[1],
            "--reason",
            "not before the audit");

    // Then
    assertThat(ok(approved).out()).contains("APPROVED");
    assertThat(ok(rejected).out()).contains("REJECTED");
    assertThat(
            ok(as(
                    admins[0],
                    "approvals",
                    "list",
                    "--tenant",
                    tenants[0],
                    "--state",
                    "APPROVED",
                    "--json"))
                .out())
        .contains(approvals[0]);
  }

  @Test
  void an_operator_exports_the_audit_log_as_ndjson_and_verifies_the_chain() throws Exception {
    // Given at least one audited change
    Api.newVendor();

    // When
    CliRun export = ok(asOperatorCli("audit", "export", "--limit", "5"));
    CliRun verify = ok(asOperatorCli("audit", "verify"));

    // Then
    List<String> lines = export.out().lines().toList();
    assertThat(lines).isNotEmpty().hasSizeLessThanOrEqualTo(5);
    for (String record : lines) {
      assertThat(ApiClient.json().readTree(record).has("hash")).isTrue();
    }
    assertThat(verify.out()).startsWith("intact: ");
  }

  @Test
  void a_fleet_admin_cannot_read_the_audit_log() {
    // Given
    String admin = Api.fleetAdminKey(Api.newTenant());

    // When
    CliRun run = as(admin, "audit", "export");

    // Then
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("403");
    assertThat(asOperator().get("/api/v1/audit/verify").then().extract().path("intact").toString())
        .isEqualTo("true");
  }
}
