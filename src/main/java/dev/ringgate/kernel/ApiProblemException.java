package dev.ringgate.kernel;

import java.util.List;

/**
 * An answer of the Ringgate API other than the one expected, with what its {@code
 * application/problem+json} body says: status, title, detail and the violations of a 400.
 */
public class ApiProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A field of the request and what is wrong with it. */
  public record Violation(String field, String message) {}

  private final int status;
  private final String title;
  private final String detail;
  private final transient List<Violation> violations;

  public ApiProblemException(
      String request, int status, String title, String detail, List<Violation> violations) {
    super(message(request, status, title, detail, violations));
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.violations = List.copyOf(violations);
  }

  private static String message(
      String request, int status, String title, String detail, List<Violation> violations) {
    StringBuilder text = new StringBuilder(request).append(" answered ").append(status);
    String why = detail != null ? detail : title;
    if (why != null) {
      text.append(": ").append(why);
    }
    for (Violation v : violations) {
      text.append("; ").append(v.field()).append(' ').append(v.message());
    }
    return text.toString();
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The problem's title, or null. */
  public String title() {
    return title;
  }

  /** The problem's detail, or null. */
  public String detail() {
    return detail;
  }

  /** The fields the request got wrong (a 400), else empty. */
  public List<Violation> violations() {
    return violations;
  }
}
