package dev.ringgate.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ring plans for tests: {@code Plans.rings(10, 100, 10000).manual().minDevices(0).body()}. */
public final class Plans {
  private final int[] shares;
  private String promotion = "MANUAL";
  private int minDevices;
  private int minBakeMinutes;
  private int rampMinutes;
  private String onHalt = "ROLLBACK";
  private Double beta;

  private Plans(int[] shares) {
    this.shares = shares;
  }

  public static Plans rings(int... shares) {
    return new Plans(shares);
  }

  public Plans auto() {
    this.promotion = "AUTO";
    return this;
  }

  public Plans minDevices(int value) {
    this.minDevices = value;
    return this;
  }

  public Plans minBakeMinutes(int value) {
    this.minBakeMinutes = value;
    return this;
  }

  public Plans rampMinutes(int value) {
    this.rampMinutes = value;
    return this;
  }

  /** Every ring's gate asks for {@code beta}. */
  public Plans beta(double value) {
    this.beta = value;
    return this;
  }

  public Plans onHaltStop() {
    this.onHalt = "STOP";
    return this;
  }

  public Map<String, Object> body() {
    List<Map<String, Object>> rings = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      Map<String, Object> ring = new HashMap<>();
      ring.put("name", "ring" + i);
      ring.put("shareBp", shares[i]);
      ring.put("minBakeMinutes", minBakeMinutes);
      ring.put("minDevices", minDevices);
      ring.put("rampMinutes", rampMinutes);
      ring.put("promotion", promotion);
      Map<String, Object> gate = new HashMap<>(Map.of("alpha", 0.01, "maxRateRatio", 2.0));
      if (beta != null) {
        gate.put("beta", beta);
      }
      ring.put("gate", gate);
      rings.add(ring);
    }
    return Map.of("rings", rings, "onHalt", onHalt);
  }

  /** Puts this plan on the vendor's product. */
  public void applyTo(VendorSetup vendor) {
    Api.as(vendor.key())
        .body(body())
        .put("/api/v1/products/" + vendor.productId() + "/ring-plan")
        .then()
        .statusCode(200);
  }
}
