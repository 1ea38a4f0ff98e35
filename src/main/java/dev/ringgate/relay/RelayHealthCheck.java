package dev.ringgate.relay;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * A relay is ready once it holds a verified snapshot (its first sync, or the one kept on disk), and
 * stays ready while the upstream is unreachable, however stale: taking every relay out of service
 * when the upstream is down would fail the whole fleet at once. Staleness shows in the data, the
 * metric {@code ringgate_relay_synced_age_seconds} and the {@code Ringgate-Synced-At} header.
 */
@Readiness
@ApplicationScoped
public class RelayHealthCheck implements HealthCheck {
  private final RelayConfig config;
  private final RelayState state;

  RelayHealthCheck(RelayConfig config, RelayState state) {
    this.config = config;
    this.state = state;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("relay");
    if (!config.enabled()) {
      return response.up().withData("mode", "service").build();
    }
    long now = System.currentTimeMillis();
    long synced = state.syncedAtMillis();
    response
        .withData("mode", "relay")
        .withData("syncedAt", synced == 0 ? "never" : Instant.ofEpochMilli(synced).toString())
        .withData("upstreamReachable", !state.offline(now))
        .withData("stale", state.stale(now))
        .withData("keyRefused", state.isRefused());
    return (state.synced() != null ? response.up() : response.down()).build();
  }
}
