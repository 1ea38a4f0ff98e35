package dev.ringgate.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.release.domain.Artifact;
import dev.ringgate.release.domain.SignedRelease;
import java.util.ArrayList;
import java.util.List;

/**
 * A check-in answer: what to do ({@code INSTALL}, {@code ROLLBACK}, {@code STAY}), and for the
 * first two everything the vendor's signature covers, so that the agent can check it itself, and
 * from an edge relay the unsigned {@code mirrors} where the same artifact may be downloaded.
 */
public record Answer(
    String productId,
    String action,
    String version,
    List<String> platforms,
    String requiresAgentVersion,
    Artifact artifact,
    String keyId,
    String signature,
    String reason,
    String reasonCode,
    int pollAfterSeconds,
    List<String> mirrors) {

  public Answer {
    mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
  }

  /** The answer in a check-in's JSON body. */
  public static Answer from(JsonNode body) {
    List<String> platforms = new ArrayList<>();
    body.path("platforms").forEach(p -> platforms.add(p.asText()));
    JsonNode artifact = body.path("artifact");
    List<String> mirrors = new ArrayList<>();
    body.path("mirrors").forEach(m -> mirrors.add(m.asText()));
    return new Answer(
        body.path("productId").asText(null),
        body.path("action").asText("STAY"),
        body.path("version").asText(null),
        List.copyOf(platforms),
        body.path("requires").path("agentVersion").asText(null),
        artifact.isObject()
            ? new Artifact(
                artifact.path("url").asText(null),
                artifact.path("sha256").asText(null),
                artifact.path("sizeBytes").asLong(-1))
            : null,
        body.path("signature").path("keyId").asText(null),
        body.path("signature").path("value").asText(null),
        body.path("reason").asText(""),
        body.path("reasonCode").asText(null),
        body.path("pollAfterSeconds").asInt(300),
        mirrors);
  }

  /** Whether the answer tells the device to install its version (INSTALL or ROLLBACK). */
  public boolean installs() {
    return action.equals("INSTALL") || action.equals("ROLLBACK");
  }

  /** The object the vendor signed, rebuilt from the answer alone. */
  public SignedRelease signed() {
    return new SignedRelease(productId, version, platforms, requiresAgentVersion, artifact);
  }
}
