package dev.ringgate.checkin.domain;

import dev.ringgate.release.domain.Version;
import java.util.Set;

/**
 * One device's question: which version of the product may it run?
 *
 * @param agentVersion the agent version the device states; null when it states none
 * @param current the version it runs now, as it reports it; null for a new device
 */
public record CheckinRequest(
    String tenantId,
    String deviceId,
    String productId,
    String platform,
    Version agentVersion,
    String current,
    Set<String> groups) {}
