package dev.ringgate.release;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.Ids;
import dev.ringgate.kernel.Violation;
import dev.ringgate.release.api.PublishReleaseRequest;
import dev.ringgate.release.domain.Artifact;
import dev.ringgate.release.domain.Ed25519;
import dev.ringgate.release.domain.Product;
import dev.ringgate.release.domain.Release;
import dev.ringgate.release.domain.Version;
import dev.ringgate.release.domain.VersionRange;
import dev.ringgate.release.domain.Versioning;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * A publish request, checked beyond its annotations (version for the product's scheme, platforms
 * named once, the agent-version range, a download URL, the signature's shape) and turned into the
 * release it would create.
 */
final class ReleaseRequests {
  private ReleaseRequests() {}

  static Release candidate(String productId, PublishReleaseRequest r, Instant now) {
    return new Release(
        Ids.next("rel"),
        productId,
        r.version(),
        r.platforms(),
        r.requires() == null ? null : r.requires().agentVersion(),
        new Artifact(r.artifact().url(), r.artifact().sha256(), r.artifact().sizeBytes()),
        r.signature().keyId(),
        r.signature().value(),
        r.notes(),
        now,
        null,
        null);
  }

  /** Checks what annotations cannot; returns the parsed version. */
  static Version validate(Product product, PublishReleaseRequest r) {
    List<Violation> violations = new ArrayList<>();
    Version version = null;
    try {
      version = product.versioning().parse(r.version());
    } catch (IllegalArgumentException e) {
      violations.add(new Violation("version", e.getMessage()));
    }
    if (new HashSet<>(r.platforms()).size() != r.platforms().size()) {
      violations.add(new Violation("platforms", "must not name a platform twice"));
    }
    if (r.requires() != null) {
      try {
        VersionRange.parse(r.requires().agentVersion(), Versioning.SEMVER);
      } catch (IllegalArgumentException e) {
        violations.add(new Violation("requires.agentVersion", e.getMessage()));
      }
    }
    if (!isDownloadUrl(r.artifact().url())) {
      violations.add(new Violation("artifact.url", "must be an absolute https or http URL"));
    }
    checkSignatureFormat(r.signature().value(), violations);
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations);
    }
    return version;
  }

  private static void checkSignatureFormat(String value, List<Violation> violations) {
    if (value.length() % 4 != 0) {
      violations.add(new Violation("signature.value", "must be standard base64 (with padding)"));
      return;
    }
    try {
      int length = Base64.getDecoder().decode(value).length;
      if (length != Ed25519.SIGNATURE_BYTES) {
        violations.add(
            new Violation(
                "signature.value",
                "must be a 64-byte Ed25519 signature, not " + length + " bytes"));
      }
    } catch (IllegalArgumentException e) {
      violations.add(new Violation("signature.value", "must be standard base64 (with padding)"));
    }
  }

  private static boolean isDownloadUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return uri.isAbsolute()
          && (scheme.equals("https") || scheme.equals("http"))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
