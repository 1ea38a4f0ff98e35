package dev.ringgate.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the store. An unreachable store is reported as degraded, never DOWN: check-ins are
 * still answered from memory (fail-static), so the instance stays in service.
 */
@Readiness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {
  private final Store store;

  StoreHealthCheck(Store store) {
    this.store = store;
  }

  @Override
  public HealthCheckResponse call() {
    boolean reachable = store.isReachable(2);
    return HealthCheckResponse.named("store")
        .up()
        .withData("backend", store.isPostgres() ? "postgresql" : "h2")
        .withData("state", reachable ? "available" : "degraded")
        .withData(
            "writes",
            reachable ? "accepted" : "refused with 503 until the store is back (check-ins served)")
        .build();
  }
}
