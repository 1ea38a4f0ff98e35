package dev.ringgate.console;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.policy.ApprovalService;
import dev.ringgate.policy.FleetStops;
import dev.ringgate.policy.api.ApprovalView;
import dev.ringgate.telemetry.FleetService;
import dev.ringgate.telemetry.api.FleetView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The fleet admin's pages: approvals, the fleet of a product, the emergency stop. */
@Path("/console/tenants/{tenantId}")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class FleetPages {
  @CheckedTemplate(basePath = "console")
  record approvals(Nav nav, String tenantId, List<ApprovalView> pending, List<ApprovalView> decided)
      implements TemplateInstance {}

  @CheckedTemplate(basePath = "console")
  record fleet(Nav nav, String tenantId, List<String> products, FleetView fleet)
      implements TemplateInstance {}

  @CheckedTemplate(basePath = "console")
  record stop(Nav nav, String tenantId, boolean stopped, boolean mayChange)
      implements TemplateInstance {}

  private final ApprovalService approvalService;
  private final FleetService fleets;
  private final FleetStops stops;
  private final ConsoleCaller caller;
  private final ErrorPages errors;

  FleetPages(
      ApprovalService approvalService,
      FleetService fleets,
      FleetStops stops,
      ConsoleCaller caller,
      ErrorPages errors) {
    this.approvalService = approvalService;
    this.fleets = fleets;
    this.stops = stops;
    this.caller = caller;
    this.errors = errors;
  }

  @GET
  @Path("/approvals")
  public TemplateInstance approvals(@PathParam("tenantId") String tenantId) {
    List<ApprovalView> all = approvalService.list(caller.get(), tenantId, null, null, 200);
    return new approvals(
        nav(),
        tenantId,
        all.stream().filter(a -> a.state().equals("PENDING")).toList(),
        all.stream().filter(a -> !a.state().equals("PENDING")).limit(50).toList());
  }

  @POST
  @Path("/approvals/{approvalId}/{decision:approve|reject}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance decide(
      @PathParam("tenantId") String tenantId,
      @PathParam("approvalId") String approvalId,
      @PathParam("decision") String decision,
      @RestForm String reason) {
    boolean approve = decision.equals("approve");
    ApprovalView view =
        approvalService.decide(caller.get(), tenantId, approvalId, approve, blankToNull(reason));
    return new VendorPages.done(
        Fmt.words(view.state()) + ": " + view.productId() + " " + view.version() + ".");
  }

  @GET
  @Path("/fleet")
  public TemplateInstance fleet(
      @PathParam("tenantId") String tenantId, @QueryParam("productId") String productId) {
    List<String> products =
        approvalService.list(caller.get(), tenantId, null, null, 500).stream()
            .map(ApprovalView::productId)
            .distinct()
            .sorted()
            .toList();
    String chosen =
        productId != null && !productId.isBlank()
            ? productId.strip()
            : products.isEmpty() ? null : products.get(0);
    FleetView view = chosen == null ? null : fleets.fleet(caller.get(), tenantId, chosen);
    return new fleet(nav(), tenantId, products, view);
  }

  @GET
  @Path("/stop")
  public TemplateInstance stopPage(@PathParam("tenantId") String tenantId) {
    boolean stopped = stops.isStopped(caller.get(), tenantId);
    return new stop(nav(), tenantId, stopped, caller.get().tenantId() != null);
  }

  /** Triggers ({@code stop}) or lifts ({@code unstop}) the emergency stop; a reason is required. */
  @POST
  @Path("/{change:stop|unstop}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response change(
      @PathParam("tenantId") String tenantId,
      @PathParam("change") String change,
      @RestForm String reason) {
    if (blankToNull(reason) == null) {
      throw ApiException.invalid(
          "reason",
          "is required to " + (change.equals("stop") ? "stop the fleet" : "lift the stop"));
    }
    stops.stop(caller.get(), tenantId, change.equals("stop"), reason.strip());
    return Response.ok().header("HX-Redirect", "/console/tenants/" + tenantId + "/stop").build();
  }

  @ServerExceptionMapper
  Response refused(ApiException e, HttpHeaders headers) {
    return errors.of(e, headers);
  }

  private Nav nav() {
    return Nav.of(caller.get(), caller.session());
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
