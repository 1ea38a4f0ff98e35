package dev.ringgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.release.domain.Artifact;
import dev.ringgate.release.domain.SignedRelease;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo vendor's release work: publishing signed releases and acting on their rollouts. */
final class DemoReleases {
  static final String PLATFORM = "windows-x64";
  private static final int MAX_FORCED_PROMOTIONS = 25;

  private final DemoApi api;
  private final DemoWorld world;

  DemoReleases(DemoApi api, DemoWorld world) {
    this.api = api;
    this.world = world;
  }

  /** Publishes {@code version}, signed with the vendor's key; returns its pending rollout's id. */
  String publish(String version, String notes) {
    Artifact artifact =
        new Artifact(
            "https://downloads.example.com/" + world.productId() + "-" + version + ".msi",
            sha256(world.productId() + "@" + version),
            48L * 1024 * 1024);
    SignedRelease signed =
        new SignedRelease(world.productId(), version, List.of(PLATFORM), null, artifact);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", version);
    body.put("platforms", List.of(PLATFORM));
    body.put(
        "artifact",
        Map.of(
            "url", artifact.url(), "sha256", artifact.sha256(), "sizeBytes", artifact.sizeBytes()));
    body.put(
        "signature", Map.of("keyId", world.signingKeyId(), "value", world.signer().sign(signed)));
    body.put("notes", notes);
    return api.post(world.vendorKey(), "/api/v1/products/" + world.productId() + "/releases", body)
        .expect("publish " + version, 201, 200)
        .path("rolloutId")
        .asText();
  }

  /** Runs {@code action} on the rollout with a reason; returns the rollout as answered. */
  JsonNode act(String rolloutId, String action, String reason) {
    return act(rolloutId, action, Map.of("reason", reason));
  }

  /** Promotes with force until the rollout is COMPLETED: for the baseline only. */
  void forceComplete(String rolloutId) {
    for (int i = 0; i < MAX_FORCED_PROMOTIONS; i++) {
      JsonNode rollout =
          act(rolloutId, "promote", Map.of("force", true, "reason", "demo baseline"));
      if ("COMPLETED".equals(rollout.path("state").asText())) {
        return;
      }
    }
    throw new DemoException("the baseline rollout " + rolloutId + " did not complete");
  }

  /** The rollout as the vendor reads it. */
  JsonNode rollout(String rolloutId) {
    return api.get(world.vendorKey(), "/api/v1/rollouts/" + rolloutId)
        .expect("read rollout " + rolloutId, 200);
  }

  private JsonNode act(String rolloutId, String action, Map<String, Object> body) {
    return api.post(world.vendorKey(), "/api/v1/rollouts/" + rolloutId + "/" + action, body)
        .expect(action + " rollout " + rolloutId, 200);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
