package dev.ringgate.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Webhook delivery ({@code ringgate.webhooks.*}). */
@ConfigMapping(prefix = "ringgate.webhooks")
public interface WebhookConfig {
  /** How often new outbox events are routed to subscriptions, and due deliveries attempted. */
  @WithDefault("1s")
  Duration pollInterval();

  /** The wait after the first failed attempt; it doubles with every further failure. */
  @WithDefault("10s")
  Duration initialBackoff();

  /** The longest wait between two attempts. */
  @WithDefault("1h")
  Duration maxBackoff();

  /**
   * Attempts before a delivery is given up (with the defaults, about a day and a half of retries).
   */
  @WithDefault("40")
  @Min(1)
  int maxAttempts();

  /** How long one attempt may take: connecting, sending and the receiver's answer. */
  @WithDefault("10s")
  Duration timeout();

  /**
   * Whether subscriptions may point at loopback, private, link-local and other internal addresses.
   * Off by default, so that a subscription cannot make Ringgate call into its own network; checked
   * when subscribing and again, by the resolved address, at every attempt.
   */
  @WithDefault("false")
  boolean allowPrivateAddresses();
}
