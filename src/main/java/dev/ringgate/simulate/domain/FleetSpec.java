package dev.ringgate.simulate.domain;

/**
 * The fleet a simulation runs: how many devices, how they are spread over tenants and policies, and
 * how they behave when nothing is wrong.
 *
 * @param devices devices in the fleet
 * @param tenants tenants the devices belong to (sizes vary, a few large ones)
 * @param pollMinutes the poll interval the service hands out
 * @param pollJitter each poll comes within +/- this share of the interval
 * @param earlyAccessShare share of tenants on the EARLY_ACCESS channel
 * @param generalShare share of tenants on the GENERAL channel (they wait for the last ring)
 * @param nMinusOneShare share of tenants one release behind
 * @param windowShare share of tenants whose servers install only in a nightly maintenance window
 * @param oldAgentShare share of devices on the older agent line (6.x instead of 7.x)
 * @param nightOffShare share of devices switched off every night (about 22:00 to 07:00)
 * @param crashesPerDay baseline crashes per device and day, whatever the version
 * @param lostPerDay share of devices per day that fall silent for good (retired, lost)
 */
public record FleetSpec(
    int devices,
    int tenants,
    double pollMinutes,
    double pollJitter,
    double earlyAccessShare,
    double generalShare,
    double nMinusOneShare,
    double windowShare,
    double oldAgentShare,
    double nightOffShare,
    double crashesPerDay,
    double lostPerDay) {

  public FleetSpec {
    require(devices >= 1 && devices <= 8_000_000, "devices must be in 1..8,000,000");
    require(tenants >= 1 && tenants <= devices, "tenants must be in 1..devices");
    require(pollMinutes > 0, "pollMinutes must be above 0");
    require(pollJitter >= 0 && pollJitter < 1, "pollJitter must be in [0, 1)");
    require(
        earlyAccessShare + generalShare + nMinusOneShare <= 1,
        "the channel shares must add up to at most 1");
    require(crashesPerDay >= 0 && lostPerDay >= 0, "rates must not be negative");
  }

  /**
   * A million devices polling every five minutes in 2,000 tenants: 5 % of tenants early access, 15
   * % general, 5 % N-1, 10 % with maintenance windows for servers, 20 % of devices on the older
   * agent line, a baseline of 0.1 % crashes per device and day.
   */
  public static FleetSpec standard(int devices) {
    return new FleetSpec(
        devices,
        Math.max(1, Math.min(2_000, devices / 50)),
        5,
        0.1,
        0.05,
        0.15,
        0.05,
        0.10,
        0.20,
        0,
        0.001,
        0.0005);
  }

  private static void require(boolean valid, String message) {
    if (!valid) {
      throw new IllegalArgumentException(message);
    }
  }
}
