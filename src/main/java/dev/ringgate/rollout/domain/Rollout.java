package dev.ringgate.rollout.domain;

import java.time.Instant;

/** The journey of one release through its ring plan. */
public record Rollout(
    String id,
    String releaseId,
    String productId,
    long ringPlanId,
    RolloutState state,
    int ringIndex,
    Instant createdAt,
    Instant updatedAt) {}
