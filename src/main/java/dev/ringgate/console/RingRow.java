package dev.ringgate.console;

import dev.ringgate.rollout.api.RolloutView.RingView;
import java.time.Duration;
import java.time.Instant;

/** One ring of a rollout as the console shows it. */
public record RingRow(
    String name,
    String share,
    String admitted,
    String state,
    long exposed,
    long failed,
    String failureRate,
    String control,
    String controlRate,
    String ratio,
    String verdict,
    String verdictDetail,
    String timeInRing,
    boolean current) {

  /** The row of {@code ring}; {@code endedAt} is when the next ring started (or null). */
  static RingRow of(RingView ring, Instant endedAt, boolean current, Instant now) {
    boolean started = ring.startedAt() != null;
    long failed = ring.crashedDevices() + ring.silentDevices();
    long controlFailed = ring.controlCrashedDevices() + ring.controlSilentDevices();
    return new RingRow(
        ring.name(),
        Fmt.percent(ring.shareBp()),
        started ? Fmt.percent(ring.admittedBp().doubleValue()) : "–",
        Fmt.words(ring.state()),
        ring.exposedDevices(),
        failed,
        Fmt.rate(failed, ring.exposedDevices()),
        ring.controlDevices() + " (" + controlFailed + " failed)",
        Fmt.rate(controlFailed, ring.controlDevices()),
        ring.evidence() == null ? "–" : Fmt.ratio(ring.evidence().crashRateRatio()),
        started ? ring.verdict() : "",
        started ? ring.verdictDetail() : "",
        started
            ? Fmt.duration(Duration.between(ring.startedAt(), endedAt == null ? now : endedAt))
            : "",
        current);
  }
}
