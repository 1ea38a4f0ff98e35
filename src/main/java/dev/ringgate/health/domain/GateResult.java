package dev.ringgate.health.domain;

import java.util.Objects;

/**
 * A verdict with the figures behind it, in words a release manager can read.
 *
 * @param cause why the gate halts: set exactly when the verdict is HALT
 */
public record GateResult(Verdict verdict, String detail, HaltCause cause) {
  public GateResult {
    Objects.requireNonNull(verdict, "verdict");
    if ((verdict == Verdict.HALT) != (cause != null)) {
      throw new IllegalArgumentException("a cause is given with HALT and only with HALT");
    }
  }

  /** A WAIT or PASS verdict. */
  public GateResult(Verdict verdict, String detail) {
    this(verdict, detail, null);
  }

  public static GateResult waiting(String detail) {
    return new GateResult(Verdict.WAIT, detail);
  }

  public static GateResult pass(String detail) {
    return new GateResult(Verdict.PASS, detail);
  }

  public static GateResult halt(HaltCause cause, String detail) {
    return new GateResult(Verdict.HALT, detail, Objects.requireNonNull(cause, "cause"));
  }
}
