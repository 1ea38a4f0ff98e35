package dev.ringgate.health;

import dev.ringgate.health.domain.GateSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * Health gate settings ({@code ringgate.health.*}); see {@code docs/halting.md}. A value out of
 * range stops the start rather than weakening the gate.
 */
@ConfigMapping(prefix = "ringgate.health")
public interface HealthConfig {
  /**
   * Control devices a ring needs before its failures are compared with theirs; with fewer, they are
   * judged against the ring's {@code maxCrashRate}.
   */
  @WithDefault("20")
  @Min(1)
  int minControlDevices();

  /** The failure rate tolerated without a control group when a ring's gate sets none. */
  @WithDefault("0.02")
  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax("1")
  double defaultMaxCrashRate();

  /**
   * How many recently exposed devices must have crashed before the catastrophic fast path fires.
   */
  @WithDefault("3")
  @Min(1)
  int catastrophicMinDevices();

  /** The share of recently exposed devices that crashed at which the fast path fires. */
  @WithDefault("0.5")
  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax("1")
  double catastrophicShare();

  /** How many minutes "recently exposed" covers for the fast path. */
  @WithDefault("30")
  @Min(1)
  int catastrophicWindowMinutes();

  /** Missed check-ins (each the device's own poll interval) after which a device is silent. */
  @WithDefault("3")
  @Min(1)
  int silentAfterPolls();

  /** How often gates are re-evaluated at least, besides whenever their counts change. */
  @WithDefault("10s")
  Duration evaluateInterval();

  /** The settings the gate's rules read. */
  static GateSettings settings(HealthConfig config) {
    return new GateSettings(
        config.minControlDevices(),
        config.defaultMaxCrashRate(),
        config.catastrophicMinDevices(),
        config.catastrophicShare(),
        config.catastrophicWindowMinutes());
  }
}
