package dev.ringgate.console;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.Violation;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A refusal of the services as the console shows it: a page for a page, a message in place for an
 * htmx request. A 404 says only "not found", whatever it was, exactly as the API does.
 */
@Singleton
public class ErrorPages {
  private final ConsoleCaller caller;

  ErrorPages(ConsoleCaller caller) {
    this.caller = caller;
  }

  @CheckedTemplate(basePath = "console")
  record error(Nav nav, int status, String title, String message) implements TemplateInstance {}

  @CheckedTemplate(basePath = "console")
  record problem(String message, List<Violation> violations) implements TemplateInstance {}

  /** The answer to {@code e} for the request with {@code headers}. */
  public Response of(ApiException e, HttpHeaders headers) {
    ErrorCode code = e.code();
    String message = e.getMessage();
    boolean htmx = headers.getHeaderString("HX-Request") != null;
    TemplateInstance body =
        htmx
            ? new problem(message, e.violations())
            : new error(
                Nav.of(caller.get(), caller.session()), code.status(), code.title(), message);
    return Response.status(code.status())
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(body.render())
        .build();
  }
}
