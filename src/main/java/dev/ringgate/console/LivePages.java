package dev.ringgate.console;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Live updates of a rollout page: server-sent events, each the page's status part rendered anew as
 * the signed-in caller (so a stream shows no more than a reload would), with a vendor's action
 * buttons for the new state, sent when it differs from the last one. The stream ends when the
 * session expires, its key is revoked, or the rollout can no longer be read.
 */
@Path("/console/rollouts/{rolloutId}/live")
public class LivePages {
  private final LiveChanges changes;
  private final RolloutModels models;
  private final ConsoleCaller caller;
  private final SessionCookies cookies;
  private final TimeSource time;

  LivePages(
      LiveChanges changes,
      RolloutModels models,
      ConsoleCaller caller,
      SessionCookies cookies,
      TimeSource time) {
    this.changes = changes;
    this.models = models;
    this.caller = caller;
    this.cookies = cookies;
    this.time = time;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.TEXT_PLAIN)
  public Multi<String> live(@PathParam("rolloutId") String rolloutId) {
    Caller who = caller.get();
    Session session = caller.session();
    return changes
        .signals()
        .select()
        .first(signal -> stillSignedIn(session))
        .map(signal -> render(who, rolloutId))
        .select()
        .first(html -> !html.isEmpty())
        .skip()
        .repetitions();
  }

  private boolean stillSignedIn(Session session) {
    return !session.expired(time.now()) && cookies.caller(session).isPresent();
  }

  private String render(Caller who, String rolloutId) {
    try {
      RolloutModel model = models.rollout(who, rolloutId);
      String status = new VendorPages.rolloutStatus(model).render();
      // The buttons sit outside the swapped status, beside the reason being typed; they are sent
      // along out of band so that they always match the state shown.
      return who.is(Role.VENDOR)
          ? status + new VendorPages.actionButtons(model, true).render()
          : status;
    } catch (ApiException e) {
      return "";
    }
  }
}
