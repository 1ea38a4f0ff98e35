package dev.ringgate.release.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A ring's health gate settings: the false-alarm rate {@code alpha} of the sequential test, the
 * crash-rate ratio (exposed over control) the ring tolerates, and optionally an absolute crash rate
 * used when no control group is left.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gate(double alpha, double maxRateRatio, Double maxCrashRate) {}
