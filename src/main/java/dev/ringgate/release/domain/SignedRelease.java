package dev.ringgate.release.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringgate.web.Patterns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The part of a release that its vendor signs: {@code {productId, version, platforms, requires,
 * artifact}}, with {@code requires} omitted when absent (never {@code null}). Its bytes are the RFC
 * 8785 canonical JSON of that object.
 */
public record SignedRelease(
    String productId,
    String version,
    List<String> platforms,
    String requiresAgentVersion,
    Artifact artifact) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public SignedRelease {
    platforms = List.copyOf(platforms);
  }

  /**
   * The exact bytes the Ed25519 signature covers.
   *
   * @throws IllegalStateException if a string holds an unpaired surrogate: RFC 8785 cannot
   *     represent one (the canonicalizer would write {@code ?}), and signing other bytes than those
   *     served is worse than failing. Requests with one are refused on the way in.
   */
  public byte[] canonicalBytes() {
    Stream.concat(
            Stream.of(productId, version, requiresAgentVersion, artifact.url(), artifact.sha256()),
            platforms.stream())
        .filter(text -> text != null && !Patterns.isWellFormedUnicode(text))
        .findAny()
        .ifPresent(
            text -> {
              throw new IllegalStateException(
                  "RFC 8785 cannot represent a string with an unpaired surrogate");
            });
    ObjectNode root = JSON.createObjectNode();
    root.put("productId", productId);
    root.put("version", version);
    ArrayNode list = root.putArray("platforms");
    platforms.forEach(list::add);
    if (requiresAgentVersion != null) {
      root.putObject("requires").put("agentVersion", requiresAgentVersion);
    }
    ObjectNode artifactNode = root.putObject("artifact");
    artifactNode.put("url", artifact.url());
    artifactNode.put("sha256", artifact.sha256());
    artifactNode.put("sizeBytes", artifact.sizeBytes());
    try {
      return new JsonCanonicalizer(JSON.writeValueAsString(root)).getEncodedUTF8();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
