package dev.ringgate.release.domain;

import java.time.Instant;

/** A vendor's product, with the id of its current ring plan. */
public record Product(
    String id,
    String vendorId,
    String name,
    ProductKind kind,
    Versioning versioning,
    long ringPlanId,
    Instant createdAt) {}
