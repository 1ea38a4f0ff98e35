package dev.ringgate.console;

import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import java.util.List;

/**
 * What every page's frame shows: who is signed in, the links of their role, and the CSRF token that
 * htmx sends with each state change.
 */
public record Nav(String who, String role, String csrf, List<Link> links) {
  /** A link of the navigation bar. */
  public record Link(String href, String label) {}

  public static Nav of(Caller caller, Session session) {
    return new Nav(who(caller), Fmt.words(caller.role().name()), session.csrf(), links(caller));
  }

  private static String who(Caller caller) {
    String scope =
        switch (caller.role()) {
          case VENDOR -> "vendor " + caller.vendorId();
          case FLEET_ADMIN, DEVICE, RELAY -> "tenant " + caller.tenantId();
          case OPERATOR -> "operator";
        };
    String id = caller.actor().id();
    return scope + (id.startsWith("jwt:") ? " · " + id.substring(4) : " · key " + id);
  }

  static List<Link> links(Caller caller) {
    if (caller.is(Role.VENDOR)) {
      return List.of(
          new Link("/console/rollouts", "Rollouts"), new Link("/console/products", "Products"));
    }
    if (caller.is(Role.FLEET_ADMIN)) {
      String base = "/console/tenants/" + caller.tenantId();
      return List.of(
          new Link(base + "/approvals", "Approvals"),
          new Link(base + "/fleet", "Fleet and policies"),
          new Link(base + "/stop", "Emergency stop"));
    }
    return List.of(
        new Link("/console/accounts", "Vendors and tenants"),
        new Link("/console/keys", "API keys"),
        new Link("/console/audit", "Audit log"),
        new Link("/console/products", "Products"));
  }
}
