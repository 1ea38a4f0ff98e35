package dev.ringgate.checkin.domain;

import dev.ringgate.release.domain.Version;
import dev.ringgate.release.domain.Versioning;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A product's releases, newest version first, and a lookup by version text. */
public final class ProductEntry {
  private final String productId;
  private final Versioning versioning;
  private final List<ReleaseEntry> newestFirst;
  private final Map<String, ReleaseEntry> byText;
  private final ReleaseEntry inRings;

  public ProductEntry(String productId, Versioning versioning, List<ReleaseEntry> releases) {
    this.productId = productId;
    this.versioning = versioning;
    this.newestFirst =
        releases.stream().sorted((a, b) -> b.version().compareTo(a.version())).toList();
    Map<String, ReleaseEntry> texts = new HashMap<>();
    for (ReleaseEntry release : newestFirst) {
      texts.put(release.version().text(), release);
      texts.putIfAbsent(release.version().normalized(), release);
    }
    this.byText = Map.copyOf(texts);
    this.inRings =
        newestFirst.stream()
            .filter(r -> r.availability() == Availability.IN_RINGS && r.admission() != null)
            .findFirst()
            .orElse(null);
  }

  /** The release whose rollout is in its rings now (one per product at a time), or null. */
  public ReleaseEntry inRings() {
    return inRings;
  }

  public String productId() {
    return productId;
  }

  public Versioning versioning() {
    return versioning;
  }

  public List<ReleaseEntry> newestFirst() {
    return newestFirst;
  }

  /** The release a device reports running, found by its text or by equal precedence. */
  public ReleaseEntry find(String versionText, Version parsed) {
    ReleaseEntry exact = byText.get(versionText);
    if (exact != null || parsed == null) {
      return exact;
    }
    for (ReleaseEntry release : newestFirst) {
      if (release.version().equals(parsed)) {
        return release;
      }
    }
    return null;
  }

  /** Parses a version of this product, or null when it is not one. */
  public Version parseOrNull(String text) {
    if (text == null) {
      return null;
    }
    ReleaseEntry known = byText.get(text);
    if (known != null) {
      return known.version();
    }
    try {
      return versioning.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
