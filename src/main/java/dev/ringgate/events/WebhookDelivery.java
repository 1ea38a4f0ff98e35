package dev.ringgate.events;

import java.time.Instant;

/**
 * One event's delivery to one webhook.
 *
 * @param state {@code PENDING} (waiting for its next attempt), {@code DELIVERED} (a 2xx answer) or
 *     {@code FAILED} (given up after the last attempt)
 * @param nextAttemptAt when it is tried again; null once delivered or given up
 */
public record WebhookDelivery(
    long id,
    String webhookId,
    String eventId,
    String eventType,
    String state,
    int attempts,
    Instant lastAttemptAt,
    Integer lastStatus,
    String lastError,
    Instant nextAttemptAt,
    Instant createdAt,
    Instant deliveredAt) {
  public static final String PENDING = "PENDING";
  public static final String DELIVERED = "DELIVERED";
  public static final String FAILED = "FAILED";
}
