package dev.ringgate.console;

import dev.ringgate.audit.AuditRecord;
import dev.ringgate.audit.AuditService;
import dev.ringgate.audit.ChainVerification;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.security.Access;
import dev.ringgate.web.QueryParams;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The audit log for operators, filtered by time, action and actor, newest first, and the result of
 * walking its hash chain. Operators only, as {@code /api/v1/audit}.
 */
@Path("/console/audit")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class AuditPages {
  static final int LIMIT = 1000;

  @CheckedTemplate(basePath = "console")
  record audit(Nav nav, AuditFilter filter, List<AuditRecord> records, int limit)
      implements TemplateInstance {}

  @CheckedTemplate(basePath = "console")
  record chain(ChainVerification result) implements TemplateInstance {}

  /** The filter as typed. */
  public record AuditFilter(String since, String until, String action, String actor) {}

  private final AuditService auditService;
  private final ConsoleCaller caller;
  private final ErrorPages errors;

  AuditPages(AuditService auditService, ConsoleCaller caller, ErrorPages errors) {
    this.auditService = auditService;
    this.caller = caller;
    this.errors = errors;
  }

  @GET
  public TemplateInstance records(
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("action") String action,
      @QueryParam("actor") String actor) {
    Access.requireOperator(caller.get());
    Instant from = QueryParams.instant("since", blank(since), Instant.EPOCH);
    Instant to = QueryParams.instant("until", blank(until), Instant.parse("9999-12-31T23:59:59Z"));
    String actionText = lower(action);
    String actorText = lower(actor);
    List<AuditRecord> records =
        auditService.read(from, to, LIMIT).stream()
            .filter(r -> actionText.isEmpty() || lower(r.action()).contains(actionText))
            .filter(r -> actorText.isEmpty() || lower(r.actor().id()).contains(actorText))
            .sorted((a, b) -> Long.compare(b.seq(), a.seq()))
            .toList();
    return new audit(
        Nav.of(caller.get(), caller.session()),
        new AuditFilter(nonNull(since), nonNull(until), nonNull(action), nonNull(actor)),
        records,
        LIMIT);
  }

  @GET
  @Path("/verify")
  public TemplateInstance verify() {
    Access.requireOperator(caller.get());
    return new chain(auditService.verify());
  }

  @ServerExceptionMapper
  Response refused(ApiException e, HttpHeaders headers) {
    return errors.of(e, headers);
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String lower(String value) {
    return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
