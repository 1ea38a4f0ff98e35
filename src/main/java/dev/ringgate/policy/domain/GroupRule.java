package dev.ringgate.policy.domain;

/**
 * A tenant's rule for one of its device groups: the earliest ring (by name) in which the group's
 * devices may take a release, and whether each release needs the group's own approval.
 */
public record GroupRule(String earliestRing, boolean requireApproval) {}
