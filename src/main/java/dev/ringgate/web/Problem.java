package dev.ringgate.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.Violation;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, as every error of the API is answered. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An error (RFC 9457 application/problem+json).")
public record Problem(
    String type, String title, int status, String detail, List<Violation> violations) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(ErrorCode code, String detail) {
    return new Problem(code.type(), code.title(), code.status(), detail, null);
  }

  /** The answer to a failure that names its error code (and the invalid fields, if any). */
  public static Problem of(ApiException e) {
    return e.violations().isEmpty() ? of(e.code(), e.getMessage()) : invalid(e.violations());
  }

  public static Problem invalid(List<Violation> violations) {
    String detail =
        violations.size() == 1
            ? violations.get(0).field() + ": " + violations.get(0).message()
            : violations.size() + " fields are invalid";
    ErrorCode code = ErrorCode.INVALID_REQUEST;
    return new Problem(code.type(), code.title(), code.status(), detail, List.copyOf(violations));
  }
}
