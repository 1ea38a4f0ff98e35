package dev.ringgate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.Violation;
import dev.ringgate.store.StoreUnavailableException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where failures become {@code application/problem+json} answers. */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
  static final String RETRY_AFTER_SECONDS = "5";

  @ServerExceptionMapper
  public Response api(ApiException e) {
    Response response = respond(Problem.of(e));
    if (e.code().status() == 503) {
      response.getHeaders().putSingle("Retry-After", RETRY_AFTER_SECONDS);
    }
    return response;
  }

  @ServerExceptionMapper
  public Response storeUnavailable(StoreUnavailableException e) {
    LOG.warnf("store unavailable: %s", e.getMessage());
    return Response.status(503)
        .type(Problem.MEDIA_TYPE)
        .header("Retry-After", RETRY_AFTER_SECONDS)
        .entity(
            Problem.of(
                ErrorCode.STORE_UNAVAILABLE,
                "State changes are refused while the store is unreachable; check-ins are still"
                    + " answered. Try again later."))
        .build();
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e) {
    List<Violation> violations =
        e.getConstraintViolations().stream()
            .map(v -> new Violation(fieldPath(v), v.getMessage()))
            .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
            .toList();
    return respond(Problem.invalid(violations));
  }

  @ServerExceptionMapper
  public Response unrecognized(UnrecognizedPropertyException e) {
    return respond(Problem.invalid(List.of(new Violation(jsonPath(e), "unknown property"))));
  }

  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    return respond(Problem.invalid(List.of(new Violation(jsonPath(e), describe(e)))));
  }

  @ServerExceptionMapper
  public Response malformed(JsonProcessingException e) {
    String location =
        e.getLocation() == null
            ? ""
            : String.format(
                Locale.ROOT,
                " at line %d, column %d",
                e.getLocation().getLineNr(),
                e.getLocation().getColumnNr());
    return respond(
        Problem.of(ErrorCode.MALFORMED_JSON, "The body is not valid JSON" + location + "."));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (e.getCause() instanceof JsonProcessingException json) {
      return json instanceof MismatchedInputException m ? mismatched(m) : malformed(json);
    }
    ErrorCode code =
        Arrays.stream(ErrorCode.values())
            .filter(c -> c.status() == status)
            .findFirst()
            .orElse(ErrorCode.INTERNAL);
    String title = code == ErrorCode.INTERNAL ? "HTTP " + status : code.title();
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(new Problem(code.type(), title, status, e.getMessage(), null))
        .build();
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e) {
    LOG.error("unexpected failure", e);
    return respond(Problem.of(ErrorCode.INTERNAL, "An unexpected error occurred; it was logged."));
  }

  static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  /** {@code publish.body.artifact.sha256} becomes {@code artifact.sha256}. */
  static String fieldPath(ConstraintViolation<?> violation) {
    List<String> parts = new ArrayList<>();
    String parameter = "body";
    for (Path.Node node : violation.getPropertyPath()) {
      switch (node.getKind()) {
        case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
          // the resource method is not part of the request
        }
        case PARAMETER -> parameter = node.getName();
        default -> {
          if (node.isInIterable() && !parts.isEmpty()) {
            int last = parts.size() - 1;
            if (node.getIndex() != null) {
              parts.set(last, parts.get(last) + "[" + node.getIndex() + "]");
            } else if (node.getKey() != null) {
              parts.set(last, parts.get(last) + "." + node.getKey());
            }
          }
          if (node.getName() != null && !node.getName().startsWith("<")) {
            parts.add(node.getName());
          }
        }
      }
    }
    return parts.isEmpty() ? parameter : String.join(".", parts);
  }

  /** Jackson's reference path as {@code rings[2].shareBp}. */
  static String jsonPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      }
    }
    return path.length() == 0 ? "body" : path.toString();
  }

  private static String describe(MismatchedInputException e) {
    Class<?> target = e.getTargetType();
    if (e instanceof InvalidNullException) {
      return "must not be null";
    }
    if (e instanceof WellFormedStrings.UnpairedSurrogateException) {
      return WellFormedStrings.MESSAGE;
    }
    if (target != null && target.isEnum()) {
      String allowed =
          Arrays.stream(target.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
      return "must be one of " + allowed;
    }
    if (e instanceof InvalidFormatException f && f.getValue() != null) {
      return "'" + f.getValue() + "' is not a valid " + typeName(target);
    }
    if (target == null) {
      return "has the wrong type";
    }
    return "must be " + article(typeName(target));
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "integer";
    }
    if (type == Double.class || type == double.class || type == java.math.BigDecimal.class) {
      return "number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "boolean";
    }
    if (type == String.class) {
      return "string";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "array";
    }
    if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
      return "RFC 3339 time";
    }
    return "object";
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }
}
