package dev.ringgate.checkin.domain;

/**
 * The answer to a check-in.
 *
 * @param target the release to install or return to; null for STAY
 * @param version the version the device should run: the target's, or its current one for STAY
 * @param running the release the device reported running, when it is one of the product's
 * @param awaiting a newer release the device would be offered once approved, or null
 * @param subject the release the reason is about (the one held back, awaited or offered), or null
 */
public record Decision(
    Action action,
    ReleaseEntry target,
    String version,
    Reason reason,
    ReleaseEntry running,
    Awaiting awaiting,
    ReleaseEntry subject) {

  /** A release that would be offered but waits for an approval (its key: see TenantPolicy). */
  public record Awaiting(ReleaseEntry release, String approvalKey) {}

  Decision(
      Action action, ReleaseEntry target, String version, Reason reason, ReleaseEntry running) {
    this(action, target, version, reason, running, null, target);
  }

  /** The same decision, noting a release that waits for an approval. */
  Decision awaiting(Awaiting value) {
    return value == null
        ? this
        : new Decision(action, target, version, reason, running, value, subject);
  }

  static Decision stay(String current, Reason reason, ReleaseEntry running) {
    return new Decision(Action.STAY, null, current, reason, running);
  }

  /** A STAY whose reason is about {@code subject}, a release the device is not given. */
  static Decision stay(String current, Reason reason, ReleaseEntry running, ReleaseEntry subject) {
    return new Decision(Action.STAY, null, current, reason, running, null, subject);
  }

  static Decision install(ReleaseEntry release, ReleaseEntry running) {
    return new Decision(
        Action.INSTALL, release, release.version().text(), Reason.NEW_RELEASE, running);
  }

  static Decision rollback(ReleaseEntry release, Reason reason, ReleaseEntry running) {
    return new Decision(Action.ROLLBACK, release, release.version().text(), reason, running);
  }
}
