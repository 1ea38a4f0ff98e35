package dev.ringgate.release.api;

import dev.ringgate.release.domain.ProductKind;
import dev.ringgate.release.domain.Versioning;
import java.time.Instant;

/** A product with its current ring plan. */
public record ProductView(
    String id,
    String vendorId,
    String name,
    ProductKind kind,
    Versioning versioning,
    Instant createdAt,
    RingPlanView ringPlan) {}
