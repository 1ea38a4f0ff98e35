package dev.ringgate.console;

/** One line of the running-rollouts table: a release in one ring. */
public record RolloutLine(
    String rolloutId, String productId, String version, String state, RingRow ring, String next) {}
