package dev.ringgate.events;

import dev.ringgate.kernel.Target;
import java.util.List;

/** Events of webhook subscriptions, for the audit log: never their secrets or full URLs. */
public final class WebhookEvents {
  private WebhookEvents() {}

  /**
   * A subscription was created.
   *
   * @param origin the URL's scheme, host and port: paths of some receivers (Slack's) are secrets
   */
  public record WebhookCreated(
      String webhookId,
      String vendorId,
      String tenantId,
      String origin,
      List<String> events,
      List<String> productIds,
      WebhookFormat format)
      implements DomainEvent {
    @Override
    public Target target() {
      return new Target("webhook", webhookId);
    }
  }

  /** A subscription was deleted: nothing more is delivered to it. */
  public record WebhookDeleted(String webhookId) implements DomainEvent {
    @Override
    public Target target() {
      return new Target("webhook", webhookId);
    }
  }
}
