package dev.ringgate.console;

import dev.ringgate.release.api.RingPlanView;
import dev.ringgate.release.domain.Promotion;
import dev.ringgate.release.domain.Ring;
import dev.ringgate.rollout.api.RolloutView;
import dev.ringgate.rollout.api.RolloutView.RingView;
import dev.ringgate.rollout.domain.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A rollout's verdict and what happens next, in words a release manager reads at a glance. */
final class RolloutWords {
  private RolloutWords() {}

  /** The verdict: "halted: health gate: 3 of 3 devices ... crashed". */
  static String verdict(RolloutView view) {
    RingView ring = view.rings().get(view.ringIndex());
    String why = lastReason(view);
    return switch (view.state()) {
      case PENDING -> "Not started.";
      case IN_PROGRESS ->
          "Ring "
              + ring.name()
              + ": "
              + ring.verdict().toLowerCase(java.util.Locale.ROOT)
              + " ("
              + ring.verdictDetail()
              + ").";
      case PAUSED -> "Paused" + because(why) + ".";
      case HALTED -> "Halted in ring " + ring.name() + because(why) + ".";
      case ROLLED_BACK -> "Rolled back in ring " + ring.name() + because(why) + ".";
      case COMPLETED -> "Completed: every ring passed.";
      case SUPERSEDED -> "Superseded" + because(why) + ".";
    };
  }

  /** What happens next, and when. */
  static String next(RolloutView view, RingPlanView plan, Instant now) {
    String version = view.version();
    return switch (view.state()) {
      case PENDING -> "Nothing until it is started: then ring " + first(view) + " is admitted.";
      case IN_PROGRESS -> inProgress(view, plan, now);
      case PAUSED -> "No new device is admitted until it is resumed; a regression still halts it.";
      case HALTED ->
          "Devices on "
              + version
              + " keep it; no other device gets it. Resume it (with a reason) or roll it back.";
      case ROLLED_BACK ->
          "Devices on " + version + " are told to go back to the last good version.";
      case COMPLETED -> version + " is offered to the whole fleet.";
      case SUPERSEDED -> "Nothing: a newer release of the product took over.";
    };
  }

  private static String inProgress(RolloutView view, RingPlanView plan, Instant now) {
    int index = view.ringIndex();
    RingView ring = view.rings().get(index);
    // The product's current plan; a rollout started on an older plan keeps its own rings.
    Ring rule =
        index < plan.rings().size() && plan.rings().get(index).name().equals(ring.name())
            ? plan.rings().get(index)
            : null;
    boolean last = index == view.rings().size() - 1;
    String target = last ? "completes" : "promotes to ring " + view.rings().get(index + 1).name();
    boolean auto = rule != null && rule.promotion() == Promotion.AUTO;
    return switch (ring.verdict()) {
      case "HALT" -> "The gate says HALT: the rollout stops now.";
      case "PASS" ->
          auto
              ? "Ring " + ring.name() + " passed: " + target + " within seconds."
              : "Ring "
                  + ring.name()
                  + " passed: waits for you to promote it (then it "
                  + target
                  + ").";
      default -> waiting(ring, rule, auto, target, now);
    };
  }

  private static String waiting(
      RingView ring, Ring rule, boolean auto, String target, Instant now) {
    if (rule == null || ring.startedAt() == null) {
      return "Ring " + ring.name() + " waits: " + ring.verdictDetail() + ".";
    }
    Instant baked = ring.startedAt().plusSeconds(60L * rule.minBakeMinutes());
    long devices = rule.minDevices() - ring.exposedDevices();
    StringBuilder when = new StringBuilder();
    if (baked.isAfter(now)) {
      when.append(" at ").append(Fmt.clock(baked));
    }
    if (devices > 0) {
      when.append(when.length() > 0 ? " and" : "")
          .append(" once ")
          .append(devices)
          .append(" more device")
          .append(devices == 1 ? " is" : "s are")
          .append(" exposed");
    }
    String hours = deviceHours(ring, rule);
    if (when.length() == 0) {
      when.append(
          hours.isEmpty()
              ? " once the evidence is in (" + ring.verdictDetail() + ")"
              : " once its exposure is enough");
    }
    return auto
        ? "Ring "
            + ring.name()
            + " bakes: it "
            + target
            + when
            + " unless a regression appears"
            + hours
            + "."
        : "Ring "
            + ring.name()
            + " bakes: you may promote it"
            + when
            + "; then it "
            + target
            + hours
            + ".";
  }

  /**
   * With the gate's beta, the exposure still missing: "; needs 1,240 more device-hours (of 2,000;
   * so far a release 2× worse would have been halted with probability 63 %, 98 % asked for)"; empty
   * when the gate asks for none or it is met.
   */
  static String deviceHours(RingView ring, Ring rule) {
    RolloutView.Evidence evidence = ring.evidence();
    if (evidence == null
        || evidence.remainingDeviceHours() == null
        || evidence.remainingDeviceHours() <= 0) {
      return "";
    }
    StringBuilder text =
        new StringBuilder("; needs ")
            .append(String.format(Locale.ROOT, "%,.0f", evidence.remainingDeviceHours()))
            .append(" more device-hours (of ")
            .append(String.format(Locale.ROOT, "%,.0f", evidence.neededDeviceHours()));
    if (evidence.certifiedPower() != null && rule != null && rule.gate().beta() != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "; so far a release %s× worse would have been halted with probability %.0f %%,"
                  + " %.0f %% asked for",
              Fmt.twoDigits(rule.gate().maxRateRatio()),
              100 * evidence.certifiedPower(),
              100 * (1 - rule.gate().beta())));
    }
    return text.append(")").toString();
  }

  private static String first(RolloutView view) {
    return view.rings().isEmpty() ? "" : view.rings().get(0).name();
  }

  private static String because(String why) {
    return why == null || why.isBlank() ? "" : ": " + why;
  }

  private static String lastReason(RolloutView view) {
    List<Transition> history = view.history();
    return history.isEmpty() ? null : history.get(history.size() - 1).reason();
  }
}
