package dev.ringgate.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringgate.kernel.Patterns;
import dev.ringgate.release.domain.SignedRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The bytes a vendor's Ed25519 signature covers: the RFC 8785 canonical JSON of {@code {productId,
 * version, platforms, requires, artifact}}, with {@code requires} omitted when absent (never {@code
 * null}).
 */
public final class SignedReleases {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SignedReleases() {}

  /**
   * The exact bytes the Ed25519 signature covers.
   *
   * @throws IllegalStateException if a string holds an unpaired surrogate: RFC 8785 cannot
   *     represent one (the canonicalizer would write {@code ?}), and signing other bytes than those
   *     served is worse than failing. Requests with one are refused on the way in.
   */
  public static byte[] canonicalBytes(SignedRelease release) {
    Stream.concat(
            Stream.of(
                release.productId(),
                release.version(),
                release.requiresAgentVersion(),
                release.artifact().url(),
                release.artifact().sha256()),
            release.platforms().stream())
        .filter(text -> text != null && !Patterns.isWellFormedUnicode(text))
        .findAny()
        .ifPresent(
            text -> {
              throw new IllegalStateException(
                  "RFC 8785 cannot represent a string with an unpaired surrogate");
            });
    ObjectNode root = JSON.createObjectNode();
    root.put("productId", release.productId());
    root.put("version", release.version());
    ArrayNode list = root.putArray("platforms");
    release.platforms().forEach(list::add);
    if (release.requiresAgentVersion() != null) {
      root.putObject("requires").put("agentVersion", release.requiresAgentVersion());
    }
    ObjectNode artifactNode = root.putObject("artifact");
    artifactNode.put("url", release.artifact().url());
    artifactNode.put("sha256", release.artifact().sha256());
    artifactNode.put("sizeBytes", release.artifact().sizeBytes());
    try {
      return new JsonCanonicalizer(JSON.writeValueAsString(root)).getEncodedUTF8();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
