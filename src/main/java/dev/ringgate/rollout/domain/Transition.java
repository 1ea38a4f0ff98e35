package dev.ringgate.rollout.domain;

import dev.ringgate.kernel.Actor;
import java.time.Instant;

/** One recorded change of a rollout's state: who, when, why, and the ring it happened in. */
public record Transition(
    Instant at, RolloutState from, RolloutState to, int ringIndex, Actor actor, String reason) {}
