package dev.ringgate.checkin;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * How full the device registry is. Always UP: a full registry refuses new devices but serves the
 * known ones, so the instance stays in service; {@code state} says {@code near-full} above 90 %.
 */
@Readiness
@ApplicationScoped
public class RegistryHealthCheck implements HealthCheck {
  /** Fill above which the registry is reported near full. */
  static final double NEAR_FULL = 0.9;

  private final DeviceRegistry registry;

  RegistryHealthCheck(DeviceRegistry registry) {
    this.registry = registry;
  }

  @Override
  public HealthCheckResponse call() {
    double fill = registry.fill();
    return HealthCheckResponse.named("device-registry")
        .up()
        .withData("devices", registry.size())
        .withData("capacity", registry.limits().maxDevices())
        .withData("tenantQuota", registry.limits().tenantQuota())
        .withData("fillPercent", Math.round(fill * 1000) / 10.0 + "")
        .withData("state", fill >= 1 ? "full" : fill > NEAR_FULL ? "near-full" : "ok")
        .build();
  }
}
