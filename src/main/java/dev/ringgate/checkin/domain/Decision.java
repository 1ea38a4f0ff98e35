package dev.ringgate.checkin.domain;

/**
 * The answer to a check-in.
 *
 * @param target the release to install or return to; null for STAY
 * @param version the version the device should run: the target's, or its current one for STAY
 * @param running the release the device reported running, when it is one of the product's
 */
public record Decision(
    Action action, ReleaseEntry target, String version, Reason reason, ReleaseEntry running) {
  static Decision stay(String current, Reason reason, ReleaseEntry running) {
    return new Decision(Action.STAY, null, current, reason, running);
  }

  static Decision install(ReleaseEntry release, ReleaseEntry running) {
    return new Decision(
        Action.INSTALL, release, release.version().text(), Reason.NEW_RELEASE, running);
  }

  static Decision rollback(ReleaseEntry release, Reason reason, ReleaseEntry running) {
    return new Decision(Action.ROLLBACK, release, release.version().text(), reason, running);
  }
}
