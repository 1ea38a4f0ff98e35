package dev.ringgate.support;

/**
 * A vendor ready to publish: its key, a registered signer ({@code keyId} "ci-2026") and one
 * product.
 */
public record VendorSetup(String vendorId, String key, Signer signer, String productId) {
  public static final String KEY_ID = "ci-2026";

  /** A new vendor with an AGENT product. */
  public static VendorSetup agentVendor() {
    return withProduct("AGENT");
  }

  public static VendorSetup withProduct(String kind) {
    String vendorId = Api.newVendor();
    String key = Api.vendorKey(vendorId);
    Signer signer = new Signer().registerAs(key, vendorId, KEY_ID);
    return new VendorSetup(vendorId, key, signer, Api.newProduct(key, kind));
  }

  /** A release of this vendor's product, signed with its registered key. */
  public ReleaseBuilder release(String version) {
    return ReleaseBuilder.aRelease(productId).version(version).signedBy(signer, KEY_ID);
  }

  /** Publishes {@code version} and returns its rollout id. */
  public String publishRollout(String version) {
    return publishRollout(release(version));
  }

  /** Publishes {@code release} and returns its rollout id. */
  public String publishRollout(ReleaseBuilder release) {
    return Api.as(key)
        .body(release.body())
        .post("/api/v1/products/" + productId + "/releases")
        .then()
        .statusCode(201)
        .extract()
        .path("rolloutId");
  }

  /** Runs an action on a rollout and expects {@code status}. */
  public io.restassured.response.ValidatableResponse act(
      String rolloutId, String action, java.util.Map<String, Object> body) {
    return Api.as(key).body(body).post("/api/v1/rollouts/" + rolloutId + "/" + action).then();
  }

  /** Publishes, starts and force-promotes {@code version} to COMPLETED. */
  public String complete(String version) {
    String rollout = publishRollout(version);
    act(rollout, "start", java.util.Map.of()).statusCode(200);
    String state = "IN_PROGRESS";
    while (!state.equals("COMPLETED")) {
      state =
          act(rollout, "promote", java.util.Map.of("force", true))
              .statusCode(200)
              .extract()
              .path("state");
    }
    return rollout;
  }

  /** Publishes {@code version} and returns the release id. */
  public String publish(String version) {
    return Api.as(key)
        .body(release(version).body())
        .post("/api/v1/products/" + productId + "/releases")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }
}
