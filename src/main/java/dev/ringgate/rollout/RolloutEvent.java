package dev.ringgate.rollout;

import dev.ringgate.events.OutboxEvent;
import dev.ringgate.kernel.Target;
import dev.ringgate.rollout.domain.RolloutEventType;
import dev.ringgate.rollout.domain.RolloutState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rollout moved: started, promoted, paused, resumed, halted, rolled back, completed or
 * superseded.
 */
public record RolloutEvent(
    RolloutEventType type,
    String rolloutId,
    String productId,
    String version,
    RolloutState fromState,
    RolloutState toState,
    int ringIndex,
    String ringName)
    implements OutboxEvent {

  @Override
  public String action() {
    return type.name();
  }

  @Override
  public Target target() {
    return new Target("rollout", rolloutId);
  }

  @Override
  public Map<String, Object> extraOutboxFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("fromState", fromState);
    fields.put("toState", toState);
    fields.put("ringIndex", ringIndex);
    return fields;
  }
}
