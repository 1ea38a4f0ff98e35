package dev.ringgate.kernel;

import java.util.List;

/**
 * A broken rule of the API, answered as a problem. Subclasses name the rule; the {@link ErrorCode}
 * decides the status.
 */
public class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final List<Violation> violations;

  public ApiException(ErrorCode code, String detail) {
    this(code, detail, List.of());
  }

  public ApiException(ErrorCode code, String detail, List<Violation> violations) {
    super(detail);
    this.code = code;
    this.violations = List.copyOf(violations);
  }

  public ErrorCode code() {
    return code;
  }

  /** The fields at fault, empty unless the request was invalid. */
  public List<Violation> violations() {
    return violations;
  }

  public static ApiException notFound(String what, String id) {
    return new ApiException(ErrorCode.NOT_FOUND, what + " '" + id + "' does not exist");
  }

  public static ApiException invalid(String field, String message) {
    return new ApiException(
        ErrorCode.INVALID_REQUEST, field + ": " + message, List.of(new Violation(field, message)));
  }

  public static ApiException invalid(List<Violation> violations) {
    return new ApiException(ErrorCode.INVALID_REQUEST, "invalid request", violations);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(ErrorCode.CONFLICT, detail);
  }
}
