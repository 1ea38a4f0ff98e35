package dev.ringgate.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.ringgate.kernel.Target;
import java.util.Locale;

/**
 * Something that happened, named in the past tense ({@code ReleasePublished}). One event feeds the
 * audit log and, for rollout events, the outbox relayed to Kafka. Its record components are the
 * audit record's {@code details}.
 */
public interface DomainEvent {
  /** What the event is about. */
  @JsonIgnore
  Target target();

  /** The audit action and event type: the class name in upper snake case. */
  @JsonIgnore
  default String action() {
    return getClass()
        .getSimpleName()
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .toUpperCase(Locale.ROOT);
  }
}
