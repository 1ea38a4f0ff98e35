package dev.ringgate.rollout.api;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a rollout action. */
public record ActionRequest(
    @Size(max = 2000) String reason,
    @Schema(description = "Only on promote: skip WAIT (bake time, minimum devices), never HALT.")
        Boolean force,
    @Schema(
            description =
                "Only on resume: tenants whose devices the gate no longer weighs in this rollout"
                    + " (recorded in the audit log).")
        List<String> excludeTenants) {
  public static final ActionRequest EMPTY = new ActionRequest(null, null, null);

  /** Tenants excluded at most in one request. */
  public static final int MAX_EXCLUDED = 100;

  public ActionRequest(String reason, Boolean force) {
    this(reason, force, null);
  }

  public boolean forced() {
    return Boolean.TRUE.equals(force);
  }

  public List<String> excluded() {
    return excludeTenants == null ? List.of() : excludeTenants;
  }
}
