package dev.ringgate.checkin;

/**
 * A device's first check-in for a product known to this replica (since it started): written behind,
 * the store keeping the earliest time per device and product.
 */
record FirstSeen(String deviceId, String productId, long atMillis) {}
