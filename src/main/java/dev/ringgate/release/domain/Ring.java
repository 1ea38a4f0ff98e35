package dev.ringgate.release.domain;

/**
 * One ring of a plan: its cumulative share of the fleet in basis points, an optional selector, how
 * long it bakes and how many exposed devices it needs before it may be left, how its share ramps
 * up, how it is promoted and its health gate.
 *
 * @param maxBakeMinutes optional cap on the wait: once the ring has baked this long without a HALT,
 *     it passes on what it has certified (null: no cap)
 */
public record Ring(
    String name,
    int shareBp,
    Selector selector,
    int minBakeMinutes,
    int minDevices,
    int rampMinutes,
    Promotion promotion,
    Gate gate,
    Integer maxBakeMinutes) {

  /** A ring without a cap on its wait. */
  public Ring(
      String name,
      int shareBp,
      Selector selector,
      int minBakeMinutes,
      int minDevices,
      int rampMinutes,
      Promotion promotion,
      Gate gate) {
    this(name, shareBp, selector, minBakeMinutes, minDevices, rampMinutes, promotion, gate, null);
  }
}
