package dev.ringgate.simulate;

import static dev.ringgate.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.support.Api;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulate command reading a product's plan and the tenants' policies from a running server.
 */
@QuarkusTest
class SimulateFromServerTest {
  private static String[] simulate(String key, String productId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SimulateCommand.run(
            new String[] {
              "--server", "http://localhost:" + RestAssured.port,
              "--key", key,
              "--product", productId,
              "--devices", "5000",
              "--runs", "1",
              "--scenarios", "catastrophic",
              "--threads", "1"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {
      String.valueOf(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void withTheOperatorKeyThePlanAndEveryTenantsPolicyAreRead() {
    // Given a product whose vendor replaced its plan, a tenant on the GENERAL channel and a staged
    // one
    VendorSetup vendor = VendorSetup.agentVendor();
    as(vendor.key())
        .body(
            Map.of(
                "rings",
                java.util.List.of(
                    Map.of(
                        "name",
                        "pilot",
                        "shareBp",
                        50,
                        "minBakeMinutes",
                        30,
                        "minDevices",
                        3,
                        "rampMinutes",
                        15,
                        "promotion",
                        "AUTO",
                        "gate",
                        Map.of("alpha", 0.01, "maxRateRatio", 2.0)),
                    Map.of(
                        "name",
                        "all",
                        "shareBp",
                        10_000,
                        "minBakeMinutes",
                        30,
                        "minDevices",
                        3,
                        "promotion",
                        "AUTO",
                        "gate",
                        Map.of("alpha", 0.01, "maxRateRatio", 2.0)))))
        .put("/api/v1/products/" + vendor.productId() + "/ring-plan")
        .then()
        .statusCode(200);
    Api.newTenant();
    String tenant = Api.newTenant();
    as(Api.newKey("FLEET_ADMIN", null, tenant))
        .body(Map.of("channel", "GENERAL", "requireApproval", false))
        .put("/api/v1/tenants/" + tenant + "/policies/" + vendor.productId())
        .then()
        .statusCode(200);

    // When the operator rehearses the product's plan
    String[] run = simulate(Api.OPERATOR_KEY, vendor.productId());

    // Then the server's plan and tenants are used
    assertThat(run[0]).as(run[2]).isEqualTo("0");
    assertThat(run[1])
        .contains("the ring plan of " + vendor.productId() + " on http://localhost:")
        .containsPattern("[0-9]+ tenants' policies and fleet sizes")
        .contains("Plan: pilot 0.5 % (ramp 15 min) -> all 100 %, on halt ROLLBACK")
        .containsPattern("catastrophic +ringgate +[0-9,]+ +[0-9,]+ +100%");
  }

  @Test
  void aVendorKeyReadsThePlanButNotTheTenants() {
    VendorSetup vendor = VendorSetup.agentVendor();

    String[] run = simulate(vendor.key(), vendor.productId());

    assertThat(run[0]).isEqualTo("0");
    assertThat(run[2]).contains("note: tenants not readable with this key").contains("403");
    assertThat(run[1]).contains("Plan: canary 0.1 % (ramp 30 min)");
  }

  @Test
  void aProductTheKeyMayNotReadIsAnErrorNotAGuess() {
    VendorSetup other = VendorSetup.agentVendor();
    VendorSetup vendor = VendorSetup.agentVendor();

    String[] run = simulate(vendor.key(), other.productId());

    assertThat(run[0]).isEqualTo("1");
    assertThat(run[2]).contains("GET /api/v1/products/" + other.productId() + " answered 404");
  }
}
