package dev.ringgate.events.api;

import dev.ringgate.events.WebhookFormat;
import dev.ringgate.kernel.Patterns;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new webhook subscription; its scope (vendor, tenant, or all) is the caller's. */
@Schema(name = "CreateWebhookRequest")
public record CreateWebhookRequest(
    @NotBlank
        @Size(max = 2048)
        @Schema(description = "http or https, with a host, without credentials.")
        String url,
    @Size(min = 1, max = 20)
        @Schema(description = "Event types to deliver; omitted: every type the scope receives.")
        List<@NotBlank String> events,
    @Size(min = 1, max = 100)
        @Schema(description = "Products whose events are delivered; omitted: all in the scope.")
        List<@Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE) String> productIds,
    @Size(min = 32, max = 256)
        @Schema(
            description =
                "The shared secret of the signature (write-only); omitted: one is generated and"
                    + " returned once.")
        String secret,
    @Schema(description = "RINGGATE (default): the event's JSON; SLACK: {\"text\": ...}.")
        WebhookFormat format,
    @Size(max = 2000) String reason) {}
