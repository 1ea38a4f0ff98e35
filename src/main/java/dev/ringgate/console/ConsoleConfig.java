package dev.ringgate.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

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
}
