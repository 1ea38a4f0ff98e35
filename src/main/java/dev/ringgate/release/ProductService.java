package dev.ringgate.release;

import dev.ringgate.events.EventRecorder;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.release.ReleaseEvents.ProductCreated;
import dev.ringgate.release.ReleaseEvents.RingPlanReplaced;
import dev.ringgate.release.api.CreateProductRequest;
import dev.ringgate.release.api.ProductView;
import dev.ringgate.release.api.RingPlanRequest;
import dev.ringgate.release.api.RingPlanView;
import dev.ringgate.release.domain.Product;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.store.ChangeFeed;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Products and ring plans, owned by their vendor. */
@ApplicationScoped
public class ProductService {
  private final Store store;
  private final ProductStore products;
  private final EventRecorder events;
  private final ChangeFeed changes;
  private final TimeSource time;

  ProductService(
      Store store,
      ProductStore products,
      EventRecorder events,
      ChangeFeed changes,
      TimeSource time) {
    this.store = store;
    this.products = products;
    this.events = events;
    this.changes = changes;
    this.time = time;
  }

  /** Creates a product of the calling vendor, with the default ring plan until it is replaced. */
  public ProductView create(Caller caller, CreateProductRequest request) {
    Access.requireRole(caller, Role.VENDOR);
    Instant now = time.now();
    Versioning versioning = request.versioning() == null ? Versioning.SEMVER : request.versioning();
    Product product =
        new Product(
            request.id(), caller.vendorId(), request.name(), request.kind(), versioning, 0, now);
    ProductView view =
        store.inTransaction(
            c -> {
              if (!dev.ringgate.account.AccountService.exists(
                  c, dev.ringgate.account.AccountKind.VENDOR, caller.vendorId())) {
                throw new ApiException(
                    ErrorCode.FORBIDDEN, "Vendor '" + caller.vendorId() + "' does not exist.");
              }
              products.find(c, request.id()).ifPresent(p -> refuseTaken(caller, p));
              products.insert(c, product);
              RingPlan plan = RingPlan.defaultPlan();
              long planId = products.replacePlan(c, product.id(), plan, now);
              events.record(
                  c,
                  caller.actor(),
                  request.reason(),
                  new ProductCreated(
                      product.id(),
                      product.vendorId(),
                      product.name(),
                      product.kind(),
                      versioning));
              changes.bump(c);
              return view(c, product, planId);
            });
    changes.committed();
    return view;
  }

  public ProductView get(Caller caller, String productId) {
    return store.read(
        c -> {
          Product product = readable(c, caller, productId);
          return view(c, product, product.ringPlanId());
        });
  }

  /** Every product the caller may list, newest first (the console's product page). */
  public List<ProductView> list(Caller caller) {
    return list(caller, null, 10_000);
  }

  /**
   * A page of the products the caller may list, newest first: a vendor's own, or every product for
   * the operator. {@code before} is the last product id of the previous page.
   */
  public List<ProductView> list(Caller caller, String before, int limit) {
    Access.requireRole(caller, Role.VENDOR, Role.OPERATOR);
    String vendorId = caller.role() == Role.OPERATOR ? null : caller.vendorId();
    return store.read(
        c -> {
          Product cursor = null;
          if (before != null) {
            cursor =
                products
                    .find(c, before)
                    .filter(p -> vendorId == null || p.vendorId().equals(vendorId))
                    .orElseThrow(
                        () -> ApiException.invalid("before", "is not a product of this list"));
          }
          List<ProductView> views = new ArrayList<>();
          for (Product product : products.page(c, vendorId, cursor, limit)) {
            views.add(view(c, product, product.ringPlanId()));
          }
          return views;
        });
  }

  public ProductView replaceRingPlan(Caller caller, String productId, RingPlanRequest request) {
    RingPlan plan = RingPlans.from(request);
    ProductView view =
        store.inTransaction(
            c -> {
              Product product = owned(c, caller, productId);
              long planId = products.replacePlan(c, productId, plan, time.now());
              events.record(
                  c,
                  caller.actor(),
                  request.reason(),
                  new RingPlanReplaced(productId, planId, plan));
              changes.bump(c);
              return view(c, product, planId);
            });
    changes.committed();
    return view;
  }

  /** The product, if the caller's vendor owns it; 404 otherwise (403 for other roles). */
  public Product owned(Connection c, Caller caller, String productId) throws SQLException {
    Access.requireRole(caller, Role.VENDOR);
    Product product = find(c, productId);
    Access.requireVendor(caller, product.vendorId(), "product", productId);
    return product;
  }

  /** The product, if the caller may read it. */
  public Product readable(Connection c, Caller caller, String productId) throws SQLException {
    Access.requireRole(caller, Role.VENDOR, Role.OPERATOR, Role.FLEET_ADMIN);
    Product product = find(c, productId);
    Access.requireVendorRead(caller, product.vendorId(), "product", productId);
    return product;
  }

  private Product find(Connection c, String productId) throws SQLException {
    return products
        .find(c, productId)
        .orElseThrow(() -> ApiException.notFound("product", productId));
  }

  private ProductView view(Connection c, Product product, long planId) throws SQLException {
    return new ProductView(
        product.id(),
        product.vendorId(),
        product.name(),
        product.kind(),
        product.versioning(),
        product.createdAt(),
        RingPlanView.of(products.plan(c, planId)));
  }

  /**
   * Product ids are global (the paths are {@code /products/{id}}), so an id can be taken by another
   * vendor: the 409 then says so without telling whose it is, or that it is a product at all.
   */
  private static void refuseTaken(Caller caller, Product existing) {
    if (existing.vendorId().equals(caller.vendorId())) {
      throw new ApiException(ErrorCode.ALREADY_EXISTS, "A product '" + existing.id() + "' exists.");
    }
    throw new ApiException(
        ErrorCode.ALREADY_EXISTS, "This product id is not available; choose another.");
  }
}
