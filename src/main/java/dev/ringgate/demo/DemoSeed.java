package dev.ringgate.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Seeds the demo through the API, as an operator, a vendor and fleet admins would. Accounts left by
 * an earlier run on the same data directory are reused; the product gets a fresh id ({@code
 * demo-sensor}, then {@code demo-sensor-2}, ...), so every run starts its story anew.
 */
final class DemoSeed {
  static final String VENDOR_ID = "demo-vendor";
  static final String PRODUCT_ID = "demo-sensor";
  private static final Logger LOG = Logger.getLogger(DemoSeed.class);
  private static final int MAX_PRODUCTS = 1000;

  private final DemoApi api;
  private final String operatorKey;
  private final DemoConfig config;

  DemoSeed(DemoApi api, String operatorKey, DemoConfig config) {
    this.api = api;
    this.operatorKey = operatorKey;
    this.config = config;
  }

  DemoWorld seed() {
    createAccount("vendors", VENDOR_ID, "Demo Vendor");
    for (DemoTenant tenant : DemoTenant.ALL) {
      createAccount("tenants", tenant.id(), tenant.name());
    }
    String vendorKey = newKey("VENDOR", "vendorId", VENDOR_ID, "demo vendor CI");
    String productId = newProduct(vendorKey);
    String keyId = "demo-" + productId;
    ReleaseSigner signer = new ReleaseSigner();
    api.put(
            vendorKey,
            "/api/v1/vendors/" + VENDOR_ID + "/signing-keys/" + keyId,
            Map.of("algorithm", "Ed25519", "publicKey", signer.publicKeyBase64()))
        .expect("register the signing key", 200);
    api.put(vendorKey, "/api/v1/products/" + productId + "/ring-plan", ringPlan())
        .expect("set the ring plan", 200);
    Map<String, String> deviceKeys = new HashMap<>();
    for (DemoTenant tenant : DemoTenant.ALL) {
      deviceKeys.put(tenant.id(), newKey("DEVICE", "tenantId", tenant.id(), "demo fleet"));
      if (tenant.hasPolicy()) {
        String admin = newKey("FLEET_ADMIN", "tenantId", tenant.id(), "demo fleet admin");
        api.put(
                admin,
                "/api/v1/tenants/" + tenant.id() + "/policies/" + productId,
                Map.of(
                    "channel", tenant.channel(), "requireApproval", false, "reason", "demo policy"))
            .expect("set the policy of " + tenant.id(), 200);
      }
    }
    return new DemoWorld(VENDOR_ID, productId, vendorKey, keyId, signer, deviceKeys);
  }

  /**
   * The demo plan: a canary of 1 % plus the early-access tenants, then 10 %, 50 % and everyone;
   * each ring ramps and bakes briefly and is left automatically when its gate passes.
   */
  Map<String, Object> ringPlan() {
    List<Map<String, Object>> rings = new ArrayList<>();
    rings.add(ring("canary", 100, true));
    rings.add(ring("early", 1_000, false));
    rings.add(ring("half", 5_000, false));
    rings.add(ring("general", 10_000, false));
    return Map.of("rings", rings, "onHalt", "ROLLBACK", "reason", "demo plan: short rings");
  }

  private Map<String, Object> ring(String name, int shareBp, boolean earlyAccess) {
    Map<String, Object> ring = new LinkedHashMap<>();
    ring.put("name", name);
    ring.put("shareBp", shareBp);
    if (earlyAccess) {
      ring.put("selector", Map.of("earlyAccessTenants", true));
    }
    ring.put("minBakeMinutes", config.bakeMinutes());
    ring.put("minDevices", config.minDevices());
    ring.put("rampMinutes", config.rampMinutes());
    ring.put("promotion", "AUTO");
    ring.put("gate", Map.of("alpha", 0.01, "maxRateRatio", 2.0));
    return ring;
  }

  private void createAccount(String kind, String id, String name) {
    DemoApi.Reply reply =
        api.post(operatorKey, "/api/v1/" + kind, Map.of("id", id, "name", name, "reason", "demo"));
    if (reply.is(409)) {
      LOG.debugf("demo: %s %s exists from an earlier run, reused", kind, id);
    } else {
      reply.expect("create " + id, 201);
    }
  }

  private String newKey(String role, String scope, String scopeId, String label) {
    return api.post(
            operatorKey,
            "/api/v1/api-keys",
            Map.of("role", role, scope, scopeId, "label", label, "reason", "demo"))
        .expect("create a " + role + " key", 201)
        .path("key")
        .asText();
  }

  private String newProduct(String vendorKey) {
    for (int n = 1; n <= MAX_PRODUCTS; n++) {
      String id = n == 1 ? PRODUCT_ID : PRODUCT_ID + "-" + n;
      DemoApi.Reply reply =
          api.post(
              vendorKey,
              "/api/v1/products",
              Map.of("id", id, "name", "Demo Sensor", "kind", "AGENT", "reason", "demo"));
      if (!reply.is(409)) {
        reply.expect("create product " + id, 201);
        if (n > 1) {
          LOG.infof("Demo: %s exists from an earlier run; this run uses %s.", PRODUCT_ID, id);
        }
        return id;
      }
    }
    throw new DemoException("no free demo product id: " + MAX_PRODUCTS + " runs already");
  }
}
