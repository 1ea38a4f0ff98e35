package dev.ringgate.health;

import dev.ringgate.health.domain.Certification;
import dev.ringgate.health.domain.CrashRateRule;
import dev.ringgate.health.domain.GateInput;
import dev.ringgate.health.domain.GateResult;
import dev.ringgate.health.domain.GateRules;
import dev.ringgate.health.domain.GateSettings;
import dev.ringgate.health.domain.RingCounts;
import dev.ringgate.health.domain.TenantCounts;
import dev.ringgate.health.domain.TenantEvidence;
import dev.ringgate.release.domain.Ring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The service's health gate: {@link GateRules} with the configured settings, weighed by tenant
 * ({@link TenantEvidence}).
 */
@ApplicationScoped
public class HealthGate {
  private final GateRules rules;
  private final TenantEvidence tenants;
  private final GateSettings settings;

  @Inject
  HealthGate(HealthConfig config) {
    this(config.settings());
  }

  public HealthGate(GateSettings settings) {
    this.settings = settings;
    this.rules = new GateRules(settings);
    this.tenants = new TenantEvidence(rules);
  }

  /** A ring's verdict on its established devices, weighed tenant by tenant. */
  public TenantEvidence.Result evaluate(Ring ring, double bakedMinutes, List<TenantCounts> counts) {
    return tenants.evaluate(ring, bakedMinutes, counts);
  }

  /**
   * A ring's verdict on its established devices, weighed tenant by tenant, for a product whose
   * established devices belong to {@code productTenants} tenants.
   */
  public TenantEvidence.Result evaluate(
      Ring ring, double bakedMinutes, List<TenantCounts> counts, int productTenants) {
    return tenants.evaluate(ring, bakedMinutes, counts, productTenants);
  }

  /**
   * Where a ring stands on the exposure its gate's {@code beta} asks for, from the figures the gate
   * weighed; null when the gate sets no {@code beta} or has no usable control group.
   */
  public Certification.Status certification(Ring ring, RingCounts weighed) {
    return CrashRateRule.certification(weighed, ring.gate(), settings);
  }

  public GateResult evaluate(GateInput input) {
    return rules.evaluate(input);
  }
}
