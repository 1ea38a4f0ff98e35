package dev.ringgate.console;

import dev.ringgate.rollout.domain.Transition;

/** One change of a rollout's state, as the console lists it. */
public record HistoryRow(
    String at, String from, String to, String ring, String actor, String reason) {
  static HistoryRow of(Transition t, java.util.List<String> ringNames) {
    return new HistoryRow(
        Fmt.time(t.at()),
        t.from() == null ? "" : Fmt.words(t.from().name()),
        Fmt.words(t.to().name()),
        t.ringIndex() < ringNames.size() ? ringNames.get(t.ringIndex()) : "",
        Fmt.words(t.actor().type().name()) + " " + t.actor().id(),
        t.reason() == null ? "" : t.reason());
  }
}
