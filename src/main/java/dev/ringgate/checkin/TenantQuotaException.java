package dev.ringgate.checkin;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;

/**
 * A tenant that holds its quota of devices checked in with a new device id: refused (429), so that
 * one tenant cannot fill the registry for everyone. Its known devices are still served.
 */
class TenantQuotaException extends ApiException {
  TenantQuotaException(int quota) {
    super(
        ErrorCode.TENANT_DEVICE_QUOTA,
        "This tenant holds its quota of "
            + quota
            + " devices; devices unheard for the retention period are reclaimed, or an operator"
            + " raises ringgate.checkin.tenant-quotas for the tenant.");
  }
}
