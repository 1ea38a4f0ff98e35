package dev.ringgate.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * OIDC/JWT access tokens for people: verified against the configured issuer and keys, then mapped
 * to one Ringgate role and scope by the claims named in {@link SecurityConfig.Jwt}.
 */
@Singleton
public class JwtAuthenticator {
  private static final Logger LOG = Logger.getLogger(JwtAuthenticator.class);

  private final JWTParser parser;
  private final SecurityConfig.Jwt config;
  private final boolean enabled;

  JwtAuthenticator(SecurityConfig security) {
    this.config = security.jwt();
    this.enabled = config.issuer().isPresent() && config.publicKeyLocation().isPresent();
    this.parser =
        enabled
            ? new DefaultJWTParser(
                new JWTAuthContextInfo(config.publicKeyLocation().get(), config.issuer().get()))
            : null;
  }

  /** Whether {@code token} looks like a JWT (three dot-separated parts). */
  static boolean looksLikeJwt(String token) {
    int first = token.indexOf('.');
    return first > 0 && token.indexOf('.', first + 1) > first + 1;
  }

  /** The caller the token stands for, or a reason it was refused. */
  public Result authenticate(String token) {
    if (!enabled) {
      return Result.refused("JWT tokens are not accepted: no issuer is configured");
    }
    JsonWebToken jwt;
    try {
      jwt = parser.parse(token);
    } catch (ParseException e) {
      LOG.debugf("JWT refused: %s", e.getMessage());
      return Result.refused("the token is not valid (signature, issuer or expiry)");
    }
    List<Role> roles = roles(jwt.getClaim(config.roleClaim()));
    if (roles.size() != 1) {
      return Result.refused(
          "the token must carry exactly one Ringgate role in claim '" + config.roleClaim() + "'");
    }
    Role role = roles.get(0);
    String vendor = stringClaim(jwt, config.vendorClaim());
    String tenant = stringClaim(jwt, config.tenantClaim());
    if (role == Role.VENDOR && vendor == null) {
      return Result.refused("a VENDOR token needs claim '" + config.vendorClaim() + "'");
    }
    if ((role == Role.FLEET_ADMIN || role == Role.DEVICE) && tenant == null) {
      return Result.refused("a " + role + " token needs claim '" + config.tenantClaim() + "'");
    }
    String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
    return Result.ok(
        Caller.of(
            role,
            role == Role.VENDOR ? vendor : null,
            role == Role.FLEET_ADMIN || role == Role.DEVICE ? tenant : null,
            "jwt:" + subject));
  }

  private static List<Role> roles(Object claim) {
    List<String> values = new ArrayList<>();
    if (claim instanceof Collection<?> collection) {
      collection.forEach(v -> values.add(unquote(String.valueOf(v))));
    } else if (claim != null) {
      values.add(unquote(String.valueOf(claim)));
    }
    List<Role> roles = new ArrayList<>();
    for (String value : values) {
      for (Role role : Role.values()) {
        if (role.name().equals(value.toUpperCase(Locale.ROOT))) {
          roles.add(role);
        }
      }
    }
    return roles;
  }

  private static String stringClaim(JsonWebToken jwt, String name) {
    Object value = jwt.getClaim(name);
    return value == null ? null : unquote(String.valueOf(value));
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
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
