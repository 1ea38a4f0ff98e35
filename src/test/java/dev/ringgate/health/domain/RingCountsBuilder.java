package dev.ringgate.health.domain;

import dev.ringgate.release.domain.Gate;
import dev.ringgate.release.domain.Promotion;
import dev.ringgate.release.domain.Ring;

/** Counts of a ring, built by name: {@code aRing().atRisk(40).crashed(9).build()}. */
final class RingCountsBuilder {
  private long exposed = -1;
  private long atRisk;
  private long crashed;
  private long silent;
  private long control;
  private long controlCrashed;
  private long controlSilent;
  private long controlNow = -1;
  private double exposedHours;
  private double controlHours;
  private long recentExposed;
  private long recentCrashed;
  private long earlySilent;
  private long controlEarlySilent;

  static RingCountsBuilder aRing() {
    return new RingCountsBuilder();
  }

  /** A canary that bakes 60 minutes and needs 10 devices, with the given gate. */
  static Ring canary(Gate gate) {
    return new Ring("canary", 10, null, 60, 10, 30, Promotion.AUTO, gate);
  }

  /**
   * Devices at risk, all of them also reported (exposed) unless {@link #exposed} says otherwise.
   */
  RingCountsBuilder atRisk(long devices, double hours) {
    this.atRisk = devices;
    this.exposedHours = hours;
    return this;
  }

  RingCountsBuilder exposed(long devices) {
    this.exposed = devices;
    return this;
  }

  RingCountsBuilder crashed(long devices) {
    this.crashed = devices;
    return this;
  }

  RingCountsBuilder silent(long devices) {
    this.silent = devices;
    return this;
  }

  RingCountsBuilder control(long devices, double hours) {
    this.control = devices;
    this.controlHours = hours;
    return this;
  }

  RingCountsBuilder controlCrashed(long devices) {
    this.controlCrashed = devices;
    return this;
  }

  RingCountsBuilder controlSilent(long devices) {
    this.controlSilent = devices;
    return this;
  }

  /** Devices first exposed within the catastrophic window, and how many of them crashed. */
  RingCountsBuilder recent(long exposed, long crashed) {
    this.recentExposed = exposed;
    this.recentCrashed = crashed;
    return this;
  }

  RingCounts build() {
    return new RingCounts(
        exposed < 0 ? atRisk : exposed,
        atRisk,
        crashed,
        silent,
        control,
        controlCrashed,
        controlSilent,
        exposedHours,
        controlHours,
        recentExposed,
        recentCrashed,
        controlNow >= 0 ? controlNow : Math.max(0, control - controlCrashed - atRisk),
        earlySilent,
        controlEarlySilent);
  }

  /** Devices that missed the check-in they were last asked for: exposed, and in control. */
  RingCountsBuilder earlySilent(long exposed, long control) {
    this.earlySilent = exposed;
    this.controlEarlySilent = control;
    return this;
  }

  /** Control devices still in the control group now (default: those not crashed nor offered). */
  RingCountsBuilder controlNow(long devices) {
    this.controlNow = devices;
    return this;
  }
}
