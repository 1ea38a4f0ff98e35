package dev.ringgate.checkin.domain;

/** Why a device was told what it was told, in words an admin reading a device log can follow. */
public enum Reason {
  NEW_RELEASE("A newer release is available to this device."),
  UP_TO_DATE("No newer release is available to this device yet."),
  NO_RELEASE("No release of this product is available to this device yet."),
  HALTED_RELEASE("The release this device runs is halted; stay on it until the vendor decides."),
  ROLLED_BACK_RELEASE(
      "The release this device runs was rolled back; return to the last good version."),
  REVOKED_RELEASE("The release this device runs was revoked; return to the last good version."),
  NO_ROLLBACK_TARGET(
      "The release this device runs was withdrawn, but no earlier good release can run on this"
          + " device; stay until one is published."),
  UNKNOWN_CURRENT("The current version is not a version of this product; staying on it."),
  TENANT_STOPPED("The fleet's admins stopped all updates; only rollbacks are given."),
  FROZEN("The fleet's admins froze updates for now; only rollbacks are given."),
  OUTSIDE_WINDOW("Outside the fleet's maintenance windows; the next window will bring the update."),
  AWAITING_APPROVAL(
      "A newer release waits for the approval of the fleet's admins; it comes once approved."),
  PINNED("The fleet's admins pinned this product to this version."),
  PINNED_DOWN("The fleet's admins pinned this product to an earlier version; return to it.");

  private final String text;

  Reason(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
