package dev.ringgate.rollout.api;

import dev.ringgate.health.domain.Certification;
import dev.ringgate.health.domain.CrashRateRule;
import dev.ringgate.health.domain.RingCounts;
import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.rollout.domain.Transition;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rollout as answered: where it is, each ring's figures and verdict, and its history. */
public record RolloutView(
    String id,
    String releaseId,
    String productId,
    String version,
    RolloutState state,
    int ringIndex,
    Instant createdAt,
    Instant updatedAt,
    List<RingView> rings,
    List<Transition> history,
    @Schema(
            description =
                "Tenants the rollout is halted for while the rest of the fleet goes on (a fleet"
                    + " admin sees only its own tenant).")
        List<TenantHaltView> haltedTenants,
    @Schema(
            description =
                "Tenants whose evidence the vendor excluded from the gate (only the vendor and"
                    + " operators see them).")
        List<String> excludedTenants) {

  /** One ring of the rollout. */
  public record RingView(
      String name,
      int shareBp,
      @Schema(
              description =
                  "Cumulative share admitted now, in basis points (fractional while a ramp starts).",
              implementation = Double.class)
          Number admittedBp,
      String state,
      Instant startedAt,
      long exposedDevices,
      long crashedDevices,
      long silentDevices,
      long controlDevices,
      long controlCrashedDevices,
      long controlSilentDevices,
      String verdict,
      String verdictDetail,
      @Schema(
              description =
                  "What the gate weighed: established devices only, each tenant at most at its"
                      + " share, from the evidence window's start; null before the ring starts.")
          Evidence evidence) {}

  /** The evidence the gate weighed in a ring (see docs/halting.md). */
  public record Evidence(
      long exposedDevices,
      long crashedDevices,
      long silentDevices,
      long controlDevices,
      long controlCrashedDevices,
      long controlSilentDevices,
      @Schema(description = "Tenants whose devices were weighed.") int tenants,
      @Schema(description = "When the evidence window started: the ring's start, or the resume.")
          Instant since,
      @Schema(
              description =
                  "The gate's estimate of the failure-rate ratio (release over control, crashes and"
                      + " silence together) with its 95 % likelihood interval; null without"
                      + " failures or without a control group.")
          RatioEstimate crashRateRatio,
      @Schema(
              description =
                  "With the gate's beta: exposed device-hours needed before the ring may pass (a"
                      + " release maxRateRatio times worse would have been halted with probability"
                      + " 1 - beta), from the control's crash rate; null without beta or control.")
          Double neededDeviceHours,
      @Schema(
              description =
                  "With the gate's beta: device-hours still missing (0 once met); null without"
                      + " beta or control.")
          Double remainingDeviceHours,
      @Schema(
              description =
                  "With the gate's beta: the probability that a release maxRateRatio times worse"
                      + " would have been halted by now; null without beta or control.")
          Double certifiedPower) {

    public static Evidence of(
        RingCounts counts, int tenants, Instant since, Certification.Status certification) {
      return new Evidence(
          counts.exposed(),
          counts.crashed(),
          counts.silent(),
          counts.control(),
          counts.controlCrashed(),
          counts.controlSilent(),
          tenants,
          since,
          RatioEstimate.of(CrashRateRule.ratioEstimate(counts)),
          certification == null ? null : Math.ceil(certification.neededHours()),
          certification == null ? null : Math.ceil(certification.remainingHours()),
          certification == null ? null : certification.power());
    }
  }

  /**
   * An estimated ratio and its 95 % interval; a bound of 0.001 or 1000 means the data do not bound
   * the ratio on that side.
   */
  public record RatioEstimate(double estimate, double low, double high) {
    static RatioEstimate of(double[] estimate) {
      return Double.isNaN(estimate[0])
          ? null
          : new RatioEstimate(estimate[0], estimate[1], estimate[2]);
    }
  }

  /** The rollout halted for one tenant: in which ring, when and why. */
  public record TenantHaltView(String tenantId, int ringIndex, Instant haltedAt, String reason) {}
}
