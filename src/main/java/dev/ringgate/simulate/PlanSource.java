package dev.ringgate.simulate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.kernel.ApiClient;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.Violation;
import dev.ringgate.policy.api.PolicyRequest;
import dev.ringgate.release.RingPlans;
import dev.ringgate.release.api.RingPlanRequest;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.simulate.domain.Fleet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the simulator takes a product's ring plan and the tenants' policies from: JSON files in the
 * API's own formats, or a running server.
 */
final class PlanSource {
  private static final int PAGE = 1000;

  private final ObjectMapper json =
      new ObjectMapper()
          .findAndRegisterModules()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** A ring plan as {@code PUT} takes it or {@code GET .../ring-plan} answers it. */
  RingPlan plan(String text) throws IOException {
    RingPlanRequest request = json.readValue(text, RingPlanRequest.class);
    if (request.rings() == null) {
      throw new IllegalArgumentException("the plan has no \"rings\"");
    }
    try {
      return RingPlans.from(request);
    } catch (ApiException e) {
      List<Violation> violations = e.violations();
      throw new IllegalArgumentException(
          "the plan is not valid: "
              + (violations.isEmpty()
                  ? e.getMessage()
                  : String.join(
                      "; ", violations.stream().map(v -> v.field() + " " + v.message()).toList())));
    }
  }

  RingPlan planFile(Path file) throws IOException {
    return plan(Files.readString(file));
  }

  /**
   * Tenants from a file: {@code [{"id": ..., "devices": 1200, "policy": {...}}]}, the policy as
   * {@code PUT /tenants/{id}/policies/{product}} takes it (absent: STAGED).
   */
  List<Fleet.Tenant> tenantsFile(Path file) throws IOException {
    List<Fleet.Tenant> tenants = new ArrayList<>();
    for (JsonNode node : json.readTree(Files.readString(file))) {
      String id = node.path("id").asText(null);
      if (id == null) {
        throw new IllegalArgumentException("every tenant needs an \"id\"");
      }
      double devices = node.path("devices").asDouble(1);
      JsonNode policy = node.get("policy");
      tenants.add(
          new Fleet.Tenant(
              id,
              devices,
              policy == null
                  ? dev.ringgate.policy.domain.TenantPolicy.STAGED
                  : json.treeToValue(policy, PolicyRequest.class)
                      .settings()
                      .decision(policy.path("stopped").asBoolean(false))));
    }
    if (tenants.isEmpty()) {
      throw new IllegalArgumentException("the tenants file lists no tenant");
    }
    return tenants;
  }

  /**
   * The product's plan from a running server ({@code GET /products/{id}}, any key that may read
   * it).
   */
  RingPlan planFromServer(String base, String key, String productId) throws IOException {
    JsonNode plan = get(base, key, "/api/v1/products/" + productId).get("ringPlan");
    if (plan == null) {
      throw new IllegalArgumentException(
          "product " + productId + " was answered without a ring plan");
    }
    return plan(plan.toString());
  }

  /**
   * Every tenant's policy for the product and its number of devices, from a running server; needs
   * an operator key (the only role that may list tenants).
   */
  List<Fleet.Tenant> tenantsFromServer(String base, String key, String productId)
      throws IOException {
    List<Fleet.Tenant> tenants = new ArrayList<>();
    for (String id : tenantIds(base, key)) {
      JsonNode policy = get(base, key, "/api/v1/tenants/" + id + "/policies/" + productId);
      JsonNode fleet = get(base, key, "/api/v1/tenants/" + id + "/fleet?productId=" + productId);
      tenants.add(
          new Fleet.Tenant(
              id,
              Math.max(1, fleet.path("devices").asDouble(1)),
              json.treeToValue(policy, PolicyRequest.class)
                  .settings()
                  .decision(policy.path("stopped").asBoolean(false))));
    }
    return tenants;
  }

  /** Every tenant's id, page by page. */
  private List<String> tenantIds(String base, String key) throws IOException {
    List<String> ids = new ArrayList<>();
    String before = null;
    while (true) {
      String page = "/api/v1/tenants?limit=" + PAGE + (before == null ? "" : "&before=" + before);
      int read = 0;
      for (JsonNode tenant : get(base, key, page)) {
        before = tenant.path("id").asText();
        ids.add(before);
        read++;
      }
      if (read < PAGE) {
        return ids;
      }
    }
  }

  private JsonNode get(String base, String key, String path) {
    return ApiClient.of(URI.create(base)).withKey(key).get(path).expect(200);
  }
}
