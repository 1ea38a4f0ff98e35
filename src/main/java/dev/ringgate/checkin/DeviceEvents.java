package dev.ringgate.checkin;

import dev.ringgate.events.DomainEvent;
import dev.ringgate.kernel.Target;

/** Events of device ids. */
public final class DeviceEvents {
  private DeviceEvents() {}

  /**
   * An operator released a device id: the next check-in of that id, by any tenant, registers it.
   */
  public record DeviceReleased(String deviceId, String tenantId) implements DomainEvent {
    @Override
    public Target target() {
      return new Target("device", deviceId);
    }
  }
}
