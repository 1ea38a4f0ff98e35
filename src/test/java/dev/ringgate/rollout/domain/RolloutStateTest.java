package dev.ringgate.rollout.domain;

import static dev.ringgate.rollout.domain.RolloutState.COMPLETED;
import static dev.ringgate.rollout.domain.RolloutState.HALTED;
import static dev.ringgate.rollout.domain.RolloutState.IN_PROGRESS;
import static dev.ringgate.rollout.domain.RolloutState.PAUSED;
import static dev.ringgate.rollout.domain.RolloutState.PENDING;
import static dev.ringgate.rollout.domain.RolloutState.ROLLED_BACK;
import static dev.ringgate.rollout.domain.RolloutState.SUPERSEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole transition table: every pair of states, allowed or not. */
class RolloutStateTest {
  private static final Map<RolloutState, Set<RolloutState>> ALLOWED =
      Map.of(
          PENDING, Set.of(IN_PROGRESS, SUPERSEDED),
          IN_PROGRESS, Set.of(IN_PROGRESS, PAUSED, HALTED, ROLLED_BACK, COMPLETED, SUPERSEDED),
          PAUSED, Set.of(IN_PROGRESS, HALTED, ROLLED_BACK, SUPERSEDED),
          HALTED, Set.of(IN_PROGRESS, ROLLED_BACK, SUPERSEDED),
          ROLLED_BACK, Set.of(IN_PROGRESS),
          COMPLETED, Set.of(),
          SUPERSEDED, Set.of());

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (RolloutState from : RolloutState.values()) {
      for (RolloutState to : RolloutState.values()) {
        pairs.add(Arguments.of(from, to, ALLOWED.get(from).contains(to)));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("everyPair")
  void transitionIsAllowedExactlyWhenTheTableSaysSo(
      RolloutState from, RolloutState to, boolean allowed) {
    assertThat(from.canMoveTo(to)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @MethodSource("terminalStates")
  void onlyCompletedAndSupersededAreTerminal(RolloutState state, boolean terminal) {
    assertThat(state.isTerminal()).isEqualTo(terminal);
  }

  static Stream<Arguments> terminalStates() {
    return Stream.of(RolloutState.values())
        .map(s -> Arguments.of(s, s == COMPLETED || s == SUPERSEDED));
  }
}
