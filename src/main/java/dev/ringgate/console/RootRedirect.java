package dev.ringgate.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The server's root ({@code GET /}) leads to the console. A plain route for exactly that path, so
 * that no resource class claims every other path ({@code /q/health}, {@code /webjars/...}).
 */
@ApplicationScoped
public class RootRedirect {
  void route(@Observes Router router) {
    router
        .get("/")
        .handler(
            rc ->
                rc.response()
                    .setStatusCode(303)
                    .putHeader("Location", "/console")
                    .putHeader("Cache-Control", "no-store")
                    .end());
  }
}
