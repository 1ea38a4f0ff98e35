package dev.ringgate.checkin;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;

/**
 * The device registry holds {@code ringgate.checkin.max-devices} devices and a new one checked in:
 * refused (503) rather than letting memory grow without bound. Known devices are still served.
 */
class RegistryFullException extends ApiException {
  RegistryFullException(int max) {
    super(
        ErrorCode.REGISTRY_FULL,
        "The device registry is full ("
            + max
            + " devices); raise ringgate.checkin.max-devices (and the heap) to admit more.");
  }
}
