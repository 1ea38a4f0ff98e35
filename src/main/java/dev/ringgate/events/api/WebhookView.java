package dev.ringgate.events.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ringgate.events.WebhookFormat;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook subscription: never its secret, except a generated one in the answer creating it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Webhook")
public record WebhookView(
    String id,
    String url,
    @Schema(description = "Event types delivered; absent: every type the scope receives.")
        List<String> events,
    @Schema(description = "Products whose events are delivered; absent: all in the scope.")
        List<String> productIds,
    WebhookFormat format,
    String vendorId,
    String tenantId,
    Instant createdAt,
    @Schema(description = "A generated secret, shown once, in the answer that creates the webhook.")
        String secret) {}
