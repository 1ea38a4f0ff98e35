package dev.ringgate.health;

import dev.ringgate.health.domain.GateInput;
import dev.ringgate.health.domain.GateResult;
import dev.ringgate.health.domain.GateRules;
import dev.ringgate.health.domain.GateSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The service's health gate: {@link GateRules} with the configured settings. */
@ApplicationScoped
public class HealthGate {
  private final GateRules rules;

  @Inject
  HealthGate(HealthConfig config) {
    this(config.settings());
  }

  public HealthGate(GateSettings settings) {
    this.rules = new GateRules(settings);
  }

  public GateResult evaluate(GateInput input) {
    return rules.evaluate(input);
  }
}
