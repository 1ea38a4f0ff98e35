package dev.ringgate.health.domain;

/**
 * A ring's figures, in distinct devices: those on the new release (exposed) and those of the same
 * ring still on the previous release (control).
 */
public record RingCounts(
    long exposed,
    long crashed,
    long silent,
    long control,
    long controlCrashed,
    long controlSilent) {

  public static final RingCounts NONE = new RingCounts(0, 0, 0, 0, 0, 0);

  /** Exposed devices that failed: crashed or silent. */
  public long failed() {
    return crashed + silent;
  }

  public long controlFailed() {
    return controlCrashed + controlSilent;
  }
}
