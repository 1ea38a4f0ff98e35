package dev.ringgate.health.domain;

/** A verdict with the figures behind it, in words a release manager can read. */
public record GateResult(Verdict verdict, String detail) {
  public static GateResult waiting(String detail) {
    return new GateResult(Verdict.WAIT, detail);
  }

  public static GateResult pass(String detail) {
    return new GateResult(Verdict.PASS, detail);
  }

  public static GateResult halt(String detail) {
    return new GateResult(Verdict.HALT, detail);
  }
}
