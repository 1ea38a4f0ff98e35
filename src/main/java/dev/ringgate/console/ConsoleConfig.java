package dev.ringgate.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Web console settings ({@code ringgate.console.*}). See docs/console.md. */
@ConfigMapping(prefix = "ringgate.console")
public interface ConsoleConfig {
  /**
   * How long a console session lasts after sign-in. The session ends earlier when its API key is
   * revoked.
   */
  @WithDefault("8h")
  Duration sessionTtl();

  /**
   * Marks the session cookie {@code Secure} (sent over HTTPS only). Turn it on whenever the console
   * is reached over TLS, as it is in production behind an ingress.
   */
  @WithDefault("false")
  boolean secureCookie();

  /**
   * Sign-in through an OpenID Connect provider (authorization-code flow with PKCE). Offered when
   * {@code client-id} is set; the provider is {@code ringgate.security.jwt.issuer}, whose tokens
   * the API already accepts.
   */
  Oidc oidc();

  /** The console's OIDC client ({@code ringgate.console.oidc.*}). */
  interface Oidc {
    /** The client id registered with the provider. */
    Optional<String> clientId();

    /**
     * A file holding the client secret (for example a mounted Kubernetes secret); unset for a
     * public client, which PKCE alone protects.
     */
    Optional<Path> clientSecretFile();

    /**
     * Where the provider sends the browser back: this server's {@code
     * /console/sign-in/oidc/callback}, as registered with the provider. When unset, derived from
     * the address the browser used.
     */
    Optional<URI> redirectUri();

    /** The provider's name on the sign-in button. */
    @WithDefault("single sign-on")
    String providerName();

    /** The scopes asked for. */
    @WithDefault("openid profile")
    String scope();

    /** The authorization endpoint; read from the issuer's discovery document when unset. */
    Optional<URI> authorizationEndpoint();

    /** The token endpoint; read from the issuer's discovery document when unset. */
    Optional<URI> tokenEndpoint();
  }
}
