package dev.ringgate.health.domain;

import dev.ringgate.release.domain.Ring;

/**
 * What a gate judges a ring by: its settings, its counts, and how long it has baked.
 *
 * @param bakedMinutes minutes since the ring started, not counting time paused
 */
public record GateInput(Ring ring, RingCounts counts, double bakedMinutes) {}
