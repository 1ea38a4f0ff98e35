package dev.ringgate.policy.api;

import java.util.Map;

/**
 * A tenant's fleet for one product: devices known, how many run each version, what they were last
 * told, pending approvals, and whether the fleet is stopped.
 *
 * @param crashedLast24h distinct devices with a crash report in the last 24 hours (0 until
 *     telemetry is ingested)
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
