package dev.ringgate.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Credentials: API keys and OIDC/JWT tokens ({@code ringgate.security.*}). */
@ConfigMapping(prefix = "ringgate.security")
public interface SecurityConfig {
  /**
   * Secret mixed into every API-key hash (HMAC-SHA256). When unset, one is generated at first start
   * and kept in the store. Set it from a secret in production so that a copy of the database alone
   * cannot be used to test guessed keys.
   */
  Optional<String> keyPepper();

  /** JWT settings for people (fleet admins, vendors, operators) signing in through OIDC. */
  Jwt jwt();

  /** JWT claim names. */
  interface Jwt {
    /** Issuer that tokens must carry; tokens are refused when unset. */
    Optional<String> issuer();

    /** Where the issuer's public keys are: a JWKS URL or a PEM/JWKS file. */
    Optional<String> publicKeyLocation();

    /** Claim holding the Ringgate role(s): OPERATOR, VENDOR, FLEET_ADMIN or DEVICE. */
    @WithDefault("groups")
    String roleClaim();

    /** Claim naming the vendor a VENDOR token is scoped to. */
    @WithDefault("ringgate_vendor")
    String vendorClaim();

    /** Claim naming the tenant a FLEET_ADMIN or DEVICE token is scoped to. */
    @WithDefault("ringgate_tenant")
    String tenantClaim();
  }
}
