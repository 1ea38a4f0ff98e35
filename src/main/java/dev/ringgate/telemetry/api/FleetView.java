package dev.ringgate.telemetry.api;

import java.util.Map;

/**
 * A tenant's fleet for one product: devices known, how many run each version, what they were last
 * told, pending approvals, and whether the fleet is stopped.
 *
 * @param crashedLast24h distinct devices that reported a crash or boot loop of the product in the
 *     last 24 hours
 */
public record FleetView(
    String tenantId,
    String productId,
    long devices,
    Map<String, Long> byVersion,
    Map<String, Long> byAction,
    long crashedLast24h,
    long pendingApprovals,
    boolean stopped) {}
