package dev.ringgate.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The body of a delivery: the event as on Kafka, or a Slack message about it. */
@ApplicationScoped
public class WebhookBodies {
  private final ObjectMapper json;

  WebhookBodies(ObjectMapper json) {
    this.json = json;
  }

  public String body(WebhookFormat format, String payload) {
    if (format == WebhookFormat.RINGGATE) {
      return payload;
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> event = json.readValue(payload, Map.class);
      return json.writeValueAsString(Map.of("text", slackText(event)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("outbox payload is not JSON", e);
    }
  }

  /** One line a person reads in a channel. */
  static String slackText(Map<String, Object> event) {
    StringBuilder text = new StringBuilder("Ringgate: ").append(event.get("type"));
    if (event.get("productId") != null) {
      text.append(' ').append(event.get("productId"));
      if (event.get("version") != null) {
        text.append(' ').append(event.get("version"));
      }
    }
    if (event.get("tenantId") != null) {
      text.append(", tenant ").append(event.get("tenantId"));
    }
    if (event.get("fromState") != null && event.get("toState") != null) {
      text.append(" (").append(event.get("fromState")).append(" → ");
      text.append(event.get("toState")).append(')');
    }
    if (event.get("rolloutId") != null) {
      text.append(", rollout ").append(event.get("rolloutId"));
    }
    if (event.get("actor") instanceof Map<?, ?> actor) {
      text.append(", by ").append(actor.get("type")).append(' ').append(actor.get("id"));
    }
    if (event.get("reason") != null) {
      text.append(": ").append(event.get("reason"));
    }
    return text.toString();
  }
}
