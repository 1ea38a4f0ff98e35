package dev.ringgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** A rollout as a ring table, with a line that says what happens next. Plain text. */
final class RolloutTable {
  private static final String ROW = "%-12s %8s %9s %-11s %8s %8s %7s %8s  %s%n";

  private RolloutTable() {}

  static String render(JsonNode view) {
    StringBuilder text = new StringBuilder();
    String state = view.path("state").asText();
    text.append(
        String.format(
            Locale.ROOT,
            "Rollout %s: %s %s, %s%n%n",
            view.path("id").asText(),
            view.path("productId").asText(),
            view.path("version").asText(),
            state));
    text.append(
        String.format(
            Locale.ROOT,
            ROW,
            "RING",
            "SHARE",
            "ADMITTED",
            "STATE",
            "EXPOSED",
            "CRASHED",
            "SILENT",
            "CONTROL",
            "VERDICT"));
    for (JsonNode ring : view.path("rings")) {
      boolean pending = ring.path("state").asText().equals("PENDING");
      String verdict = ring.path("verdict").asText("");
      String detail = ring.path("verdictDetail").asText("");
      text.append(
          String.format(
              Locale.ROOT,
              ROW,
              ring.path("name").asText(),
              percent(ring.path("shareBp").asDouble()),
              pending ? "-" : percent(ring.path("admittedBp").asDouble()),
              ring.path("state").asText(),
              ring.path("exposedDevices").asLong(),
              ring.path("crashedDevices").asLong(),
              ring.path("silentDevices").asLong(),
              ring.path("controlDevices").asLong()
                  + "/"
                  + ring.path("controlCrashedDevices").asLong(),
              pending ? "" : (verdict + (detail.isEmpty() ? "" : ": " + detail))));
    }
    text.append(
        String.format(Locale.ROOT, "%nControl: devices/crashed on the previous version.%n"));
    String stopped = whoStopped(view);
    if (stopped != null) {
      text.append(stopped).append(System.lineSeparator());
    }
    text.append("Next: ").append(next(view)).append(System.lineSeparator());
    return text.toString();
  }

  /** What happens next, in words. */
  static String next(JsonNode view) {
    String id = view.path("id").asText();
    String version = view.path("version").asText();
    JsonNode rings = view.path("rings");
    int index = view.path("ringIndex").asInt();
    JsonNode ring = rings.path(index);
    String name = ring.path("name").asText();
    return switch (view.path("state").asText()) {
      case "PENDING" -> "not started; start it with: ringgate rollout start " + id;
      case "IN_PROGRESS" ->
          switch (ring.path("verdict").asText()) {
            case "PASS" ->
                "ring "
                    + name
                    + " passed; "
                    + (index + 1 < rings.size()
                        ? "moves on to " + rings.path(index + 1).path("name").asText()
                        : "completes")
                    + " by itself if its promotion is AUTO, else on: ringgate rollout promote "
                    + id;
            case "HALT" -> "the gate says HALT; the rollout halts (or rolls back) now";
            default ->
                "ring "
                    + name
                    + " bakes: "
                    + ring.path("verdictDetail").asText("waiting for devices and time");
          };
      case "PAUSED" -> "paused; no device is admitted until: ringgate rollout resume " + id;
      case "HALTED" ->
          "halted; devices on "
              + version
              + " stay, no one new gets it. Resume (with --reason) or roll back: ringgate"
              + " rollout rollback "
              + id;
      case "ROLLED_BACK" ->
          "rolled back; devices on " + version + " are told to return to the last good version";
      case "COMPLETED" -> "completed; " + version + " is offered to the whole fleet";
      case "SUPERSEDED" -> "superseded by a newer rollout of " + view.path("productId").asText();
      default -> "";
    };
  }

  /**
   * For a halted or rolled-back rollout, who stopped it and why, from its last transition: {@code
   * ROLLED_BACK by health-gate: <the gate's verdict>}. Null otherwise.
   */
  static String whoStopped(JsonNode view) {
    String state = view.path("state").asText();
    JsonNode history = view.path("history");
    if (!(state.equals("HALTED") || state.equals("ROLLED_BACK")) || history.isEmpty()) {
      return null;
    }
    JsonNode last = history.get(history.size() - 1);
    if (!last.path("to").asText().equals(state)) {
      return null;
    }
    String reason = last.path("reason").asText("");
    return state
        + " by "
        + last.path("actor").path("id").asText("?")
        + (reason.isEmpty() ? "" : ": " + reason);
  }

  private static String percent(double bp) {
    double value = bp / 100.0;
    return (value == Math.rint(value)
            ? String.valueOf((long) value)
            : String.format(Locale.ROOT, "%.2f", value))
        + "%";
  }
}
