package dev.ringgate.security;

import dev.ringgate.kernel.Patterns;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Singleton;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * OIDC/JWT access tokens for people: verified against the configured issuer and keys, then mapped
 * to one Ringgate role and scope by the claims named in {@link SecurityConfig.Jwt}.
 */
@Singleton
public class JwtAuthenticator {
  private static final Logger LOG = Logger.getLogger(JwtAuthenticator.class);

  /** Allowed clock difference with the issuer, for {@code exp} and {@code nbf}. */
  static final int CLOCK_SKEW_SECONDS = 60;

  private final JWTParser parser;
  private final SecurityConfig.Jwt config;
  private final boolean enabled;

  JwtAuthenticator(SecurityConfig security) {
    this.config = security.jwt();
    this.enabled = config.issuer().isPresent() && config.publicKeyLocation().isPresent();
    this.parser = enabled ? new DefaultJWTParser(contextInfo(config)) : null;
  }

  private static JWTAuthContextInfo contextInfo(SecurityConfig.Jwt config) {
    JWTAuthContextInfo info =
        new JWTAuthContextInfo(config.publicKeyLocation().get(), config.issuer().get());
    // Stated here rather than left to the library's default, because docs/security.md promises it.
    info.setClockSkew(CLOCK_SKEW_SECONDS);
    return info;
  }

  /** Whether {@code token} looks like a JWT (three dot-separated parts). */
  static boolean looksLikeJwt(String token) {
    int first = token.indexOf('.');
    return first > 0 && token.indexOf('.', first + 1) > first + 1;
  }

  /** The caller the token stands for, or a reason it was refused. */
  public Result authenticate(String token) {
    return authenticate(token, jwt -> null);
  }

  /**
   * As {@link #authenticate(String)}, with one more check of the verified token: {@code check}
   * answers why it is refused, or null. The console's OIDC sign-in checks an ID token's audience
   * and nonce this way.
   */
  public Result authenticate(String token, Function<JsonWebToken, String> check) {
    if (!enabled) {
      return Result.refused("JWT tokens are not accepted: no issuer is configured");
    }
    JsonWebToken jwt;
    try {
      jwt = parser.parse(token);
    } catch (ParseException e) {
      LOG.debugf(
          "JWT refused: %s", e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      return Result.refused("the token is not valid (signature, issuer or expiry)");
    }
    String refusal = check.apply(jwt);
    if (refusal != null) {
      return Result.refused(refusal);
    }
    List<Role> roles = roles(jwt.getClaim(config.roleClaim()));
    if (roles.size() != 1) {
      return Result.refused(
          "the token must carry exactly one Ringgate role in claim '" + config.roleClaim() + "'");
    }
    Role role = roles.get(0);
    boolean vendorScoped = role == Role.VENDOR;
    boolean tenantScoped = role == Role.FLEET_ADMIN || role == Role.DEVICE || role == Role.RELAY;
    String vendor = null;
    String tenant = null;
    if (vendorScoped) {
      Optional<String> claim = idClaim(jwt, config.vendorClaim());
      if (claim.isEmpty()) {
        return Result.refused(
            "a VENDOR token needs claim '" + config.vendorClaim() + "' holding a vendor id");
      }
      vendor = claim.get();
    }
    if (tenantScoped) {
      Optional<String> claim = idClaim(jwt, config.tenantClaim());
      if (claim.isEmpty()) {
        return Result.refused(
            "a " + role + " token needs claim '" + config.tenantClaim() + "' holding a tenant id");
      }
      tenant = claim.get();
    }
    String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
    return Result.ok(Caller.of(role, vendor, tenant, "jwt:" + subject));
  }

  /**
   * The Ringgate roles in the role claim (a string or an array of strings), compared without regard
   * to case; other values are ignored. Empty if the claim holds anything but strings.
   */
  private static List<Role> roles(Object claim) {
    List<Role> roles = new ArrayList<>();
    for (String value : strings(claim).orElse(List.of())) {
      for (Role role : Role.values()) {
        if (role.name().equals(value.toUpperCase(Locale.ROOT))) {
          roles.add(role);
        }
      }
    }
    return roles;
  }

  /**
   * The claim's values when it is a string or an array of strings (as a JSON value, which is how
   * the library hands over custom claims, or as plain Java strings for {@code groups}).
   */
  private static Optional<List<String>> strings(Object claim) {
    if (claim == null) {
      return Optional.of(List.of());
    }
    Optional<String> single = string(claim);
    if (single.isPresent()) {
      return Optional.of(List.of(single.get()));
    }
    if (claim instanceof Collection<?> collection) {
      List<String> values = new ArrayList<>();
      for (Object element : collection) {
        Optional<String> value = string(element);
        if (value.isEmpty()) {
          return Optional.empty();
        }
        values.add(value.get());
      }
      return Optional.of(values);
    }
    return Optional.empty();
  }

  /** The text of a string claim value, never its JSON form; empty for any other type. */
  private static Optional<String> string(Object value) {
    if (value instanceof String text) {
      return Optional.of(text);
    }
    if (value instanceof JsonString json) {
      return Optional.of(json.getString());
    }
    return Optional.empty();
  }

  /** The text of a string claim, or null when it is absent or not a string. */
  public static String stringClaim(JsonWebToken jwt, String name) {
    return string(jwt.getClaim(name)).orElse(null);
  }

  /** A vendor or tenant id claim; empty when absent or not a string holding a valid id. */
  private static Optional<String> idClaim(JsonWebToken jwt, String name) {
    return string(jwt.getClaim(name)).filter(Patterns::isId);
  }

  /** A caller, or why the token was refused. */
  public record Result(Optional<Caller> caller, String refusal) {
    static Result ok(Caller caller) {
      return new Result(Optional.of(caller), null);
    }

    static Result refused(String why) {
      return new Result(Optional.empty(), why);
    }
  }
}
