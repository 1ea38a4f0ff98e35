package dev.ringgate.rollout.api;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a rollout action. */
public record ActionRequest(
    @Size(max = 2000) String reason,
    @Schema(description = "Only on promote: skip WAIT (bake time, minimum devices), never HALT.")
        Boolean force) {
  public static final ActionRequest EMPTY = new ActionRequest(null, null);

  public boolean forced() {
    return Boolean.TRUE.equals(force);
  }
}
