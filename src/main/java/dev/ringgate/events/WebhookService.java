package dev.ringgate.events;

import dev.ringgate.events.WebhookEvents.WebhookCreated;
import dev.ringgate.events.WebhookEvents.WebhookDeleted;
import dev.ringgate.events.api.CreateWebhookRequest;
import dev.ringgate.events.api.DeliveryView;
import dev.ringgate.events.api.WebhookView;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.Ids;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.kernel.Violation;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Webhook subscriptions: a vendor subscribes to its products' rollout events, a fleet admin to its
 * tenant's approvals and stops, an operator to everything. A caller sees and deletes only the
 * subscriptions of its own scope (operators: all); another scope's answer 404.
 */
@ApplicationScoped
public class WebhookService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final WebhookStore hooks;
  private final EventRecorder events;
  private final WebhookConfig config;
  private final TimeSource time;

  WebhookService(
      Store store,
      WebhookStore hooks,
      EventRecorder events,
      WebhookConfig config,
      TimeSource time) {
    this.store = store;
    this.hooks = hooks;
    this.events = events;
    this.config = config;
    this.time = time;
  }

  public WebhookView create(Caller caller, CreateWebhookRequest request) {
    Access.requireRole(caller, Role.VENDOR, Role.FLEET_ADMIN, Role.OPERATOR);
    List<Violation> violations = new ArrayList<>();
    String urlProblem = WebhookUrls.problem(request.url(), config.allowPrivateAddresses());
    if (urlProblem != null) {
      violations.add(new Violation("url", urlProblem));
    }
    checkEvents(caller, request.events(), violations);
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations);
    }
    boolean generated = request.secret() == null;
    String secret = generated ? newSecret() : request.secret();
    Webhook hook =
        new Webhook(
            Ids.next("whk"),
            caller.is(Role.VENDOR) ? caller.vendorId() : null,
            caller.is(Role.FLEET_ADMIN) ? caller.tenantId() : null,
            request.url(),
            distinct(request.events()),
            distinct(request.productIds()),
            Objects.requireNonNullElse(request.format(), WebhookFormat.RINGGATE),
            time.now());
    store.inTransaction(
        c -> {
          checkProducts(c, caller, hook.productIds());
          hooks.insert(c, hook, secret, caller.actor().id());
          events.record(
              c,
              caller.actor(),
              request.reason(),
              new WebhookCreated(
                  hook.id(),
                  hook.vendorId(),
                  hook.tenantId(),
                  origin(hook.url()),
                  hook.eventTypes(),
                  hook.productIds(),
                  hook.format()));
          return null;
        });
    return view(hook, generated ? secret : null);
  }

  public List<WebhookView> list(Caller caller) {
    Access.requireRole(caller, Role.VENDOR, Role.FLEET_ADMIN, Role.OPERATOR);
    String vendorId = caller.is(Role.VENDOR) ? caller.vendorId() : null;
    String tenantId = caller.is(Role.FLEET_ADMIN) ? caller.tenantId() : null;
    return store.read(c -> hooks.list(c, vendorId, tenantId)).stream()
        .map(h -> view(h, null))
        .toList();
  }

  public WebhookView get(Caller caller, String id) {
    return view(store.read(c -> visible(c, caller, id)), null);
  }

  public void delete(Caller caller, String id, String reason) {
    store.inTransaction(
        c -> {
          Webhook hook = visible(c, caller, id);
          hooks.delete(c, hook.id(), time.now());
          events.record(c, caller.actor(), reason, new WebhookDeleted(hook.id()));
          return null;
        });
  }

  public List<DeliveryView> deliveries(Caller caller, String id, Long before, int limit) {
    return store
        .read(
            c -> {
              visible(c, caller, id);
              return hooks.deliveries(c, id, limit, before);
            })
        .stream()
        .map(WebhookService::view)
        .toList();
  }

  /** The subscription, if the caller may see it; otherwise 404 (403 for devices). */
  private Webhook visible(Connection c, Caller caller, String id) throws SQLException {
    Access.requireRole(caller, Role.VENDOR, Role.FLEET_ADMIN, Role.OPERATOR);
    Webhook hook = hooks.find(c, id).orElseThrow(() -> ApiException.notFound("webhook", id));
    boolean mine =
        caller.is(Role.OPERATOR)
            || (caller.is(Role.VENDOR) && caller.vendorId().equals(hook.vendorId()))
            || (caller.is(Role.FLEET_ADMIN) && caller.tenantId().equals(hook.tenantId()));
    if (!mine) {
      throw ApiException.notFound("webhook", id);
    }
    return hook;
  }

  private static void checkEvents(Caller caller, List<String> types, List<Violation> violations) {
    if (types == null) {
      return;
    }
    List<String> allowed =
        caller.is(Role.VENDOR)
            ? WebhookEventTypes.VENDOR
            : caller.is(Role.FLEET_ADMIN) ? WebhookEventTypes.TENANT : WebhookEventTypes.all();
    for (int i = 0; i < types.size(); i++) {
      String type = types.get(i);
      if (type == null || !WebhookEventTypes.all().contains(type)) {
        violations.add(
            new Violation(
                "events[" + i + "]",
                "is not an event type; one of " + String.join(", ", WebhookEventTypes.all())));
      } else if (!allowed.contains(type)) {
        violations.add(
            new Violation(
                "events[" + i + "]",
                "is not delivered to a "
                    + caller.role()
                    + " subscription; it receives "
                    + String.join(", ", allowed)));
      }
    }
  }

  /** A vendor names only its own products; others, products that exist. */
  private void checkProducts(Connection c, Caller caller, List<String> productIds)
      throws SQLException {
    if (productIds == null) {
      return;
    }
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < productIds.size(); i++) {
      var vendor = hooks.productVendor(c, productIds.get(i));
      boolean ok =
          vendor.isPresent() && (!caller.is(Role.VENDOR) || vendor.get().equals(caller.vendorId()));
      if (!ok) {
        violations.add(
            new Violation(
                "productIds[" + i + "]",
                caller.is(Role.VENDOR)
                    ? "no product of yours has this id"
                    : "no product has this id"));
      }
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations);
    }
  }

  private static List<String> distinct(List<String> values) {
    return values == null ? null : values.stream().distinct().toList();
  }

  /** A new secret: 256 random bits, hex. */
  static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + HexFormat.of().formatHex(bytes);
  }

  /** Scheme, host and port of a URL: what the audit log records of it. */
  static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  private static WebhookView view(Webhook hook, String secret) {
    return new WebhookView(
        hook.id(),
        hook.url(),
        hook.eventTypes(),
        hook.productIds(),
        hook.format(),
        hook.vendorId(),
        hook.tenantId(),
        hook.createdAt(),
        secret);
  }

  private static DeliveryView view(WebhookDelivery d) {
    return new DeliveryView(
        d.id(),
        d.eventId(),
        d.eventType(),
        d.state(),
        d.attempts(),
        d.lastAttemptAt(),
        d.lastStatus(),
        d.lastError(),
        d.nextAttemptAt(),
        d.createdAt(),
        d.deliveredAt());
  }
}
