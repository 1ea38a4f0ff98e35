package dev.ringgate.release.domain;

import java.time.Instant;

/** A stored ring plan: a product's plan is replaced by a new version, never edited. */
public record PlanVersion(long id, RingPlan plan, Instant createdAt) {}
