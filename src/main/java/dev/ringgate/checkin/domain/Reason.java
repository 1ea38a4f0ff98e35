package dev.ringgate.checkin.domain;

import dev.ringgate.release.domain.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a device was told what it was told, in words an admin reading a device log can follow. The
 * constant's name is the answer's stable {@code reasonCode}; the words may name the release the
 * reason is about ({@code {version}}), its agent range ({@code {range}}), the device's agent
 * version ({@code {agent}}) and platforms ({@code {platform}}, {@code {platforms}}).
 */
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
  AGENT_VERSION_OUT_OF_RANGE(
      "Release {version} needs an agent version {range}; this device's agent is {agent}."),
  AGENT_VERSION_MISSING(
      "Release {version} needs an agent version {range}; this device did not state its agent"
          + " version (agentVersion)."),
  PLATFORM_NOT_SUPPORTED(
      "Release {version} runs on {platforms}, not on this device's platform ({platform})."),
  ROLLOUT_NOT_STARTED("The rollout of release {version} has not started yet."),
  ROLLOUT_PAUSED(
      "The rollout of release {version} is paused; it comes once the vendor resumes it."),
  ROLLOUT_HALTED("The rollout of release {version} was halted; it is offered to no new device."),
  ROLLOUT_SUPERSEDED(
      "The rollout of release {version} was superseded by a newer one; it is offered to no new"
          + " device."),
  RING_NOT_REACHED(
      "The rollout of release {version} has not reached this device's ring yet; it comes when it"
          + " does."),
  GENERAL_CHANNEL_WAITS(
      "The fleet's GENERAL channel takes release {version} only once its rollout reaches the final"
          + " ring."),
  N_MINUS_1_CHANNEL(
      "The fleet's N-1 channel stays one release behind the newest completed one; release"
          + " {version} is not that one."),
  TENANT_STOPPED("The fleet's admins stopped all updates; only rollbacks are given."),
  FROZEN("The fleet's admins froze updates for now; only rollbacks are given."),
  OUTSIDE_WINDOW("Outside the fleet's maintenance windows; the next window will bring the update."),
  AWAITING_APPROVAL(
      "Release {version} waits for the approval of the fleet's admins; it comes once approved."),
  APPROVAL_REJECTED(
      "The fleet's admins rejected release {version}; it is not offered to this device."),
  PINNED("The fleet's admins pinned this product to this version."),
  PINNED_DOWN("The fleet's admins pinned this product to an earlier version; return to it."),
  RELAY_STALE(
      "This device's relay has not reached the update service for too long; only rollbacks are"
          + " given until it does.");

  private final String text;
  private final boolean plain;

  Reason(String text) {
    this.text = text;
    this.plain = text.indexOf('{') < 0;
  }

  /** The words as written, with their placeholders. */
  public String text() {
    return text;
  }

  /** Whether the words name the device's agent version (so that they change with it). */
  public boolean namesAgent() {
    return this == AGENT_VERSION_OUT_OF_RANGE;
  }

  /** Whether the words name the device's platform. */
  public boolean namesPlatform() {
    return this == PLATFORM_NOT_SUPPORTED;
  }

  /**
   * The words for a device: placeholders filled from the release the reason is about and the
   * device's request. Only an answer that is sent pays for this.
   */
  public String describe(ReleaseEntry subject, CheckinRequest request) {
    if (plain) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 64);
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      int close = ch == '{' ? text.indexOf('}', i) : -1;
      if (close < 0) {
        out.append(ch);
        i++;
        continue;
      }
      fill(out, text.substring(i + 1, close), subject, request);
      i = close + 1;
    }
    return out.toString();
  }

  private static void fill(
      StringBuilder out, String name, ReleaseEntry subject, CheckinRequest request) {
    switch (name) {
      case "version" -> out.append(subject == null ? "(a newer one)" : subject.version().text());
      case "range" -> {
        if (subject != null && subject.requires() != null) {
          out.append(subject.requires().words()).append(" (");
          out.append(subject.requires().text()).append(')');
        }
      }
      case "agent" -> {
        Version agent = request == null ? null : request.agentVersion();
        out.append(agent == null ? "not stated" : agent.text());
      }
      case "platform" -> {
        String platform = request == null ? null : request.platform();
        out.append(platform == null || platform.isEmpty() ? "none stated" : platform);
      }
      case "platforms" -> {
        List<String> names = new ArrayList<>(subject == null ? List.of() : subject.platforms());
        names.sort(null);
        out.append(String.join(", ", names));
      }
      default -> out.append('{').append(name).append('}');
    }
  }
}
