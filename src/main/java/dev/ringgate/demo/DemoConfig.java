package dev.ringgate.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Demo mode ({@code ringgate.demo.*}): after a normal start, the service seeds a demo vendor,
 * tenants and product through its own API and drives a simulated fleet through a healthy release
 * and a bad one. See {@code docs/operations.md}, "Demo mode". Off unless {@code enabled} is set.
 */
@ConfigMapping(prefix = "ringgate.demo")
public interface DemoConfig {
  /** Whether the demo runs. Nothing of it is started when false. */
  @WithDefault("false")
  boolean enabled();

  /** Simulated devices, spread over the demo tenants. */
  @WithDefault("2000")
  @Min(20)
  @Max(100000)
  int devices();

  /**
   * Seconds between a simulated device's check-ins (each wait jittered by ±20 %); shorter when the
   * service answers with a shorter {@code pollAfterSeconds}.
   */
  @WithDefault("5")
  @Min(1)
  @Max(300)
  int pollSeconds();

  /** Seconds between the HEARTBEAT reports of a healthy device. */
  @WithDefault("30")
  @Min(1)
  int heartbeatSeconds();

  /** Minimum bake time of every ring of the demo product's plan, in minutes. */
  @WithDefault("1")
  @Min(0)
  @Max(60)
  int bakeMinutes();

  /** Ramp time of every ring of the demo product's plan, in minutes (0: no ramp). */
  @WithDefault("1")
  @Min(0)
  @Max(60)
  int rampMinutes();

  /** Exposed devices every ring needs before its gate may pass. */
  @WithDefault("5")
  @Min(0)
  int minDevices();

  /** Seconds after installing the bad release before a device crashes. */
  @WithDefault("4")
  @Min(0)
  @Max(300)
  int crashAfterSeconds();

  /** Share of the devices that install the bad release and crash (0 to 1). */
  @WithDefault("1.0")
  @DecimalMin("0")
  @DecimalMax("1")
  double crashShare();

  /** Seconds between the end of the healthy rollout and the publication of the bad release. */
  @WithDefault("15")
  @Min(0)
  int pauseSeconds();

  /** Threads that make the simulated devices' HTTP calls (each call waits for its answer). */
  @WithDefault("3")
  @Min(1)
  @Max(32)
  int threads();
}
