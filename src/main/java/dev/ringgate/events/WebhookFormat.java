package dev.ringgate.events;

/** How a webhook's body is written. */
public enum WebhookFormat {
  /** The event as JSON, exactly as on the Kafka topic. */
  RINGGATE,
  /** A Slack incoming-webhook message: {@code {"text": "..."}}. */
  SLACK
}
