package dev.ringgate.console;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.release.api.ProductView;
import dev.ringgate.rollout.api.RolloutView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Products with their ring plans, and one product's rollouts (vendors and operators). */
@Path("/console/products")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ProductPages {
  @CheckedTemplate(basePath = "console")
  record products(Nav nav, List<ProductView> products) implements TemplateInstance {}

  @CheckedTemplate(basePath = "console")
  record product(Nav nav, ProductView product, List<RolloutView> rollouts)
      implements TemplateInstance {}

  private final RolloutModels models;
  private final ConsoleCaller caller;
  private final ErrorPages errors;

  ProductPages(RolloutModels models, ConsoleCaller caller, ErrorPages errors) {
    this.models = models;
    this.caller = caller;
    this.errors = errors;
  }

  @GET
  public TemplateInstance products() {
    return new products(nav(), models.products(caller.get()));
  }

  @GET
  @Path("/{productId}")
  public TemplateInstance product(@PathParam("productId") String productId) {
    return new product(
        nav(), models.product(caller.get(), productId), models.history(caller.get(), productId));
  }

  @ServerExceptionMapper
  Response refused(ApiException e, HttpHeaders headers) {
    return errors.of(e, headers);
  }

  private Nav nav() {
    return Nav.of(caller.get(), caller.session());
  }
}
