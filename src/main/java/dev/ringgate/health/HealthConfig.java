package dev.ringgate.health;

import dev.ringgate.health.domain.GateSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * Health gate settings ({@code ringgate.health.*}); each ring adds its own {@code gate}. See {@code
 * docs/halting.md}. A value out of range stops the start rather than weakening the gate.
 */
@ConfigMapping(prefix = "ringgate.health")
public interface HealthConfig {
  /**
   * A device told to install (or a control device) counts as silent after missing this many of the
   * check-ins it was asked for.
   */
  @WithDefault("3")
  @Min(1)
  int silentAfterPolls();

  /**
   * A device (exposed or control) counts as early-silent once it has missed the check-in it was
   * last asked for by this much: one poll interval it was given after it was last heard from, plus
   * this grace. For a device told to install, it is the time the agent may take to download,
   * install and reboot beyond its install poll interval before it checks in or reports; raise it
   * when installs take longer, or healthy installers count as early-silent.
   */
  @WithDefault("2m")
  @org.hibernate.validator.constraints.time.DurationMin(seconds = 0)
  Duration earlySilenceGrace();

  /** Control devices a ring needs before failures are compared with them. */
  @WithDefault("20")
  @Min(1)
  int minControlDevices();

  /** The crash rate tolerated without a control group when a ring sets no maxCrashRate. */
  @WithDefault("0.02")
  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax("1")
  double defaultMaxCrashRate();

  /** Distinct recently exposed devices that must have crashed before the fast path may fire. */
  @WithDefault("3")
  @Min(1)
  int catastrophicMinDevices();

  /** Share of recently exposed devices that crashed at which the fast path fires. */
  @WithDefault("0.5")
  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax("1")
  double catastrophicShare();

  /** How recent "recently exposed" is, for the fast path. */
  @WithDefault("30m")
  @org.hibernate.validator.constraints.time.DurationMin(minutes = 1)
  Duration catastrophicWindow();

  default GateSettings settings() {
    return new GateSettings(
        minControlDevices(),
        defaultMaxCrashRate(),
        catastrophicMinDevices(),
        catastrophicShare(),
        (int) catastrophicWindow().toMinutes());
  }
}
