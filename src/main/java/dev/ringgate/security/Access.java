package dev.ringgate.security;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import java.util.Arrays;
import java.util.Objects;

/**
 * The rules of who may do what. A wrong role is 403; a resource outside the caller's vendor or
 * tenant is 404, exactly as if it did not exist, so that scopes leak nothing.
 */
public final class Access {
  private Access() {}

  public static void requireOperator(Caller caller) {
    requireRole(caller, Role.OPERATOR);
  }

  public static void requireRole(Caller caller, Role... allowed) {
    if (Arrays.stream(allowed).noneMatch(caller::is)) {
      throw new ApiException(
          ErrorCode.FORBIDDEN,
          "A "
              + caller.role()
              + " credential may not do this; it needs "
              + describe(allowed)
              + ".");
    }
  }

  /** The caller must be the vendor {@code vendorId}; another vendor sees a 404. */
  public static void requireVendor(Caller caller, String vendorId, String what, String id) {
    requireRole(caller, Role.VENDOR);
    if (!Objects.equals(caller.vendorId(), vendorId)) {
      throw ApiException.notFound(what, id);
    }
  }

  /**
   * Reading a vendor's product data: the vendor itself, operators, and fleet admins (who decide on
   * the releases their fleet takes). Another vendor sees a 404; devices are refused.
   */
  public static void requireVendorRead(Caller caller, String vendorId, String what, String id) {
    requireRole(caller, Role.VENDOR, Role.OPERATOR, Role.FLEET_ADMIN);
    if (caller.is(Role.VENDOR) && !Objects.equals(caller.vendorId(), vendorId)) {
      throw ApiException.notFound(what, id);
    }
  }

  /** The caller must be scoped to {@code tenantId} with one of {@code allowed}. */
  public static void requireTenant(Caller caller, String tenantId, Role... allowed) {
    requireRole(caller, allowed);
    if (!caller.is(Role.OPERATOR) && !Objects.equals(caller.tenantId(), tenantId)) {
      throw ApiException.notFound("tenant", tenantId);
    }
  }

  private static String describe(Role... roles) {
    return roles.length == 1
        ? roles[0].name()
        : String.join(" or ", Arrays.stream(roles).map(Role::name).toList());
  }
}
