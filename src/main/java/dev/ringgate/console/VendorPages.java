package dev.ringgate.console;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.rollout.RolloutActions;
import dev.ringgate.rollout.api.ActionRequest;
import dev.ringgate.rollout.api.RolloutView;
import dev.ringgate.rollout.domain.RolloutAction;
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

/** The vendor's rollout pages: the running rollouts, one rollout, its chart, its actions. */
@Path("/console/rollouts")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class VendorPages {
  @CheckedTemplate(basePath = "console")
  record rollouts(Nav nav, List<RolloutLine> lines) implements TemplateInstance {}

  @CheckedTemplate(basePath = "console")
  record rollout(Nav nav, RolloutModel m) implements TemplateInstance {}

  @CheckedTemplate(basePath = "console")
  record rolloutStatus(RolloutModel m) implements TemplateInstance {}

  /**
   * The rollout's action buttons; {@code oob} when the live stream sends them beside the status, so
   * that the buttons follow the state (a halted rollout offers no promote).
   */
  @CheckedTemplate(basePath = "console")
  record actionButtons(RolloutModel m, boolean oob) implements TemplateInstance {}

  @CheckedTemplate(basePath = "console")
  record done(String message) implements TemplateInstance {}

  private final RolloutModels models;
  private final RolloutActions actions;
  private final ConsoleCaller caller;
  private final ErrorPages errors;
  private final RolloutSeries series;

  VendorPages(
      RolloutModels models,
      RolloutActions actions,
      RolloutSeries series,
      ConsoleCaller caller,
      ErrorPages errors) {
    this.series = series;
    this.models = models;
    this.actions = actions;
    this.caller = caller;
    this.errors = errors;
  }

  @GET
  public TemplateInstance rollouts() {
    return new rollouts(nav(), models.running(caller.get()));
  }

  @GET
  @Path("/{rolloutId}")
  public TemplateInstance rollout(@PathParam("rolloutId") String rolloutId) {
    return new rollout(nav(), models.rollout(caller.get(), rolloutId));
  }

  /** The live part of the rollout page, as the live stream sends it. */
  @GET
  @Path("/{rolloutId}/status")
  public TemplateInstance status(@PathParam("rolloutId") String rolloutId) {
    return new rolloutStatus(models.rollout(caller.get(), rolloutId));
  }

  /** The chart's data. */
  @GET
  @Path("/{rolloutId}/series")
  @Produces(MediaType.APPLICATION_JSON)
  public RolloutSeries.Chart series(
      @PathParam("rolloutId") String rolloutId, @QueryParam("ring") Integer ring) {
    return series.chart(caller.get(), rolloutId, ring);
  }

  /** A vendor's action (from the page's confirmed buttons), with the reason typed beside them. */
  @POST
  @Path("/{rolloutId}/{action}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance act(
      @PathParam("rolloutId") String rolloutId,
      @PathParam("action") String action,
      @RestForm String reason,
      @RestForm String force) {
    RolloutAction parsed = RolloutAction.fromPath(action);
    if (parsed == null || parsed == RolloutAction.SUPERSEDE) {
      throw ApiException.notFound("rollout action", action);
    }
    String text = reason == null || reason.isBlank() ? null : reason.strip();
    boolean forced = parsed == RolloutAction.PROMOTE && "on".equals(force);
    RolloutView view =
        actions.act(caller.get(), rolloutId, parsed, new ActionRequest(text, forced ? true : null));
    return new done(
        "Done: the rollout is "
            + Fmt.words(view.state().name()).toLowerCase(java.util.Locale.ROOT)
            + ".");
  }

  @ServerExceptionMapper
  Response refused(ApiException e, HttpHeaders headers) {
    return errors.of(e, headers);
  }

  private Nav nav() {
    return Nav.of(caller.get(), caller.session());
  }
}
