package dev.ringgate.release;

import dev.ringgate.events.DomainEvent;
import dev.ringgate.events.OutboxEvent;
import dev.ringgate.kernel.Target;
import dev.ringgate.release.domain.ProductKind;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.release.domain.Versioning;
import java.util.List;
import java.util.Map;

/** Events of products, signing keys and releases. */
public final class ReleaseEvents {
  private ReleaseEvents() {}

  /** A product was created. */
  public record ProductCreated(
      String productId, String vendorId, String name, ProductKind kind, Versioning versioning)
      implements DomainEvent {
    @Override
    public Target target() {
      return new Target("product", productId);
    }
  }

  /** A product's ring plan was replaced; rollouts already started keep theirs. */
  public record RingPlanReplaced(String productId, long ringPlanId, RingPlan plan)
      implements DomainEvent {
    @Override
    public Target target() {
      return new Target("product", productId);
    }
  }

  /** A vendor registered or replaced a public signing key. */
  public record SigningKeyRegistered(
      String vendorId, String keyId, String algorithm, String publicKey, boolean replaced)
      implements DomainEvent {
    @Override
    public Target target() {
      return new Target("signing-key", vendorId + "/" + keyId);
    }
  }

  /** A release was published, with its rollout pending. */
  public record ReleasePublished(
      String releaseId,
      String productId,
      String version,
      List<String> platforms,
      String requiresAgentVersion,
      String artifactSha256,
      String signatureKeyId,
      String rolloutId)
      implements DomainEvent {
    @Override
    public Target target() {
      return new Target("release", releaseId);
    }
  }

  /** A release was revoked: it is never served again. */
  public record ReleaseRevoked(String releaseId, String productId, String version, String rolloutId)
      implements OutboxEvent {
    @Override
    public Target target() {
      return new Target("release", releaseId);
    }

    @Override
    public Map<String, Object> extraOutboxFields() {
      return Map.of("releaseId", releaseId);
    }
  }
}
