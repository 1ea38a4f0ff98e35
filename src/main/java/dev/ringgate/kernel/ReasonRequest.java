package dev.ringgate.kernel;

import jakarta.validation.constraints.Size;

/** A body that carries only the reason for a change, recorded in the audit log. */
public record ReasonRequest(@Size(max = 2000) String reason) {
  public static String of(ReasonRequest request) {
    return request == null ? null : request.reason();
  }
}
