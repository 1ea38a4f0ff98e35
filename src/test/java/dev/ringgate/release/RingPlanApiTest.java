package dev.ringgate.release;

import static dev.ringgate.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.ringgate.support.Api;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class RingPlanApiTest {

  static Map<String, Object> ring(String name, int shareBp) {
    Map<String, Object> ring = new HashMap<>();
    ring.put("name", name);
    ring.put("shareBp", shareBp);
    ring.put("minBakeMinutes", 30);
    ring.put("minDevices", 10);
    ring.put("rampMinutes", 20);
    ring.put("promotion", "AUTO");
    ring.put("gate", new HashMap<>(Map.of("alpha", 0.01, "maxRateRatio", 2.0)));
    return ring;
  }

  static Map<String, Object> plan(List<Map<String, Object>> rings) {
    Map<String, Object> plan = new HashMap<>();
    plan.put("rings", rings);
    return plan;
  }

  static List<Map<String, Object>> threeRings() {
    return new ArrayList<>(
        List.of(ring("canary", 10), ring("early", 100), ring("general", 10_000)));
  }

  @Test
  void newProductHasTheDefaultPlanEndingAtTheWholeFleet() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();

    // When / Then
    as(vendor.key())
        .get("/api/v1/products/" + vendor.productId())
        .then()
        .statusCode(200)
        .body("kind", equalTo("AGENT"))
        .body("versioning", equalTo("SEMVER"))
        .body("ringPlan.rings[-1].shareBp", equalTo(10000))
        .body("ringPlan.onHalt", equalTo("ROLLBACK"));
  }

  @Test
  void vendorReplacesThePlanAndReadsItBack() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    List<Map<String, Object>> rings = threeRings();
    rings.get(0).put("selector", Map.of("groups", List.of("lab"), "earlyAccessTenants", true));
    gate(rings, 1).put("beta", 0.02);
    rings.get(1).put("maxBakeMinutes", 2880);
    Map<String, Object> body = plan(rings);
    body.put("onHalt", "STOP");

    // When
    as(vendor.key())
        .body(body)
        .put("/api/v1/products/" + vendor.productId() + "/ring-plan")
        .then()
        .statusCode(200);

    // Then
    as(vendor.key())
        .get("/api/v1/products/" + vendor.productId())
        .then()
        .body("ringPlan.rings.name", contains("canary", "early", "general"))
        .body("ringPlan.rings[0].selector.groups", contains("lab"))
        .body("ringPlan.rings[0].rampMinutes", equalTo(20))
        .body("ringPlan.rings[1].gate.beta", equalTo(0.02f))
        .body("ringPlan.rings[0].gate", not(hasKey("beta")))
        .body("ringPlan.rings[1].maxBakeMinutes", equalTo(2880))
        .body("ringPlan.rings[0]", not(hasKey("maxBakeMinutes")))
        .body("ringPlan.onHalt", equalTo("STOP"));
  }

  static List<Object[]> invalidPlans() {
    return List.of(
        invalid("decreasing shares", r -> r.get(2).put("shareBp", 50), "rings[2].shareBp"),
        invalid("last ring short of 10000", r -> r.get(2).put("shareBp", 9000), "rings[2].shareBp"),
        invalid("duplicate names", r -> r.get(1).put("name", "canary"), "rings[1].name"),
        invalid("share above 10000", r -> r.get(1).put("shareBp", 10001), "rings[1].shareBp"),
        invalid(
            "negative bake time",
            r -> r.get(0).put("minBakeMinutes", -1),
            "rings[0].minBakeMinutes"),
        invalid(
            "maxBakeMinutes below minBakeMinutes",
            r -> r.get(0).put("maxBakeMinutes", 10),
            "rings[0].maxBakeMinutes"),
        invalid(
            "negative maxBakeMinutes",
            r -> r.get(0).put("maxBakeMinutes", -1),
            "rings[0].maxBakeMinutes"),
        invalid(
            "negative device minimum", r -> r.get(0).put("minDevices", -5), "rings[0].minDevices"),
        invalid("negative ramp", r -> r.get(0).put("rampMinutes", -1), "rings[0].rampMinutes"),
        invalid("alpha of zero", r -> gate(r, 1).put("alpha", 0.0), "rings[1].gate.alpha"),
        invalid("alpha above 0.2", r -> gate(r, 1).put("alpha", 0.25), "rings[1].gate.alpha"),
        invalid(
            "tolerance of 1",
            r -> gate(r, 0).put("maxRateRatio", 1.0),
            "rings[0].gate.maxRateRatio"),
        invalid("beta of zero", r -> gate(r, 1).put("beta", 0.0), "rings[1].gate.beta"),
        invalid("beta above 0.5", r -> gate(r, 1).put("beta", 0.6), "rings[1].gate.beta"),
        invalid(
            "crash rate above 1",
            r -> gate(r, 0).put("maxCrashRate", 1.5),
            "rings[0].gate.maxCrashRate"),
        invalid("missing gate", r -> r.get(0).remove("gate"), "rings[0].gate"),
        invalid("missing promotion", r -> r.get(0).remove("promotion"), "rings[0].promotion"),
        invalid(
            "unknown promotion", r -> r.get(0).put("promotion", "SOMETIMES"), "rings[0].promotion"),
        invalid("share as text", r -> r.get(0).put("shareBp", "10"), "rings[0].shareBp"),
        invalid("fractional share", r -> r.get(0).put("shareBp", 10.5), "rings[0].shareBp"),
        invalid("bad ring name", r -> r.get(0).put("name", "no spaces"), "rings[0].name"),
        invalid(
            "typo in a gate setting", r -> gate(r, 0).put("alpah", 0.01), "rings[0].gate.alpah"),
        invalid("no rings", List::clear, "rings"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> gate(List<Map<String, Object>> rings, int index) {
    return (Map<String, Object>) rings.get(index).get("gate");
  }

  private static Object[] invalid(
      String name, Consumer<List<Map<String, Object>>> breakIt, String field) {
    return new Object[] {name, breakIt, field};
  }

  @ParameterizedTest(name = "{0} is refused, naming {2}")
  @MethodSource("invalidPlans")
  void invalidPlanIsRefusedWithTheFieldNamedAndNothingChanges(
      String name, Consumer<List<Map<String, Object>>> breakIt, String field) {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    List<Map<String, Object>> rings = threeRings();
    breakIt.accept(rings);
    long auditBefore = Api.auditHead();

    // When / Then
    as(vendor.key())
        .body(plan(rings))
        .put("/api/v1/products/" + vendor.productId() + "/ring-plan")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem(field));
    as(vendor.key())
        .get("/api/v1/products/" + vendor.productId())
        .then()
        .body("ringPlan.rings.name", contains("canary", "early", "broad", "half", "general"));
    org.assertj.core.api.Assertions.assertThat(Api.auditHead()).isEqualTo(auditBefore);
  }
}
