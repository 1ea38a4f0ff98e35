package dev.ringgate.events.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event's delivery to a webhook. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "WebhookDelivery")
public record DeliveryView(
    long id,
    String eventId,
    String eventType,
    @Schema(
            description =
                "PENDING (waiting for its next attempt), DELIVERED, or FAILED (given up).")
        String status,
    int attempts,
    Instant lastAttemptAt,
    @Schema(description = "The HTTP status of the last attempt, when the receiver answered.")
        Integer lastStatusCode,
    String lastError,
    Instant nextAttemptAt,
    Instant createdAt,
    Instant deliveredAt) {}
