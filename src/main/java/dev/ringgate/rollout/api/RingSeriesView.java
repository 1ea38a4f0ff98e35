package dev.ringgate.rollout.api;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One ring of a rollout over time: its figures and the gate's evidence against its threshold. */
public record RingSeriesView(
    String rolloutId,
    int ringIndex,
    String ringName,
    Instant startedAt,
    @Schema(description = "The ring's halt threshold, log(1/alpha): the evidence halts at it.")
        double threshold,
    @Schema(description = "Evenly spaced moments from the ring's start to its end or now.")
        List<Point> points) {

  /** The ring at one moment. */
  public record Point(
      Instant at,
      long exposed,
      @Schema(description = "Exposed devices crashed or silent by then.") long failed,
      @Schema(
              description =
                  "Control devices by then: the ring's own held back and those of later rings"
                      + " not yet offered the release (the fleet control).")
          long control,
      @Schema(description = "Control devices crashed or silent by then.") long controlFailed,
      @Schema(
              description =
                  "The gate's log-evidence recomputed from these figures (crashes by device-hours,"
                      + " silence by devices, against the control, else against"
                      + " maxCrashRate); it halts at threshold.")
          double logEvidence) {}
}
