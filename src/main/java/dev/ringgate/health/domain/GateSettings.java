package dev.ringgate.health.domain;

/**
 * Service-wide settings of the health gate, next to each ring's own {@code Gate}.
 *
 * @param minControlDevices control devices a ring needs before it is compared with them; below
 *     that, crashes alone are judged against the ring's {@code maxCrashRate}
 * @param defaultMaxCrashRate the crash rate tolerated without a control group when the ring sets
 *     none
 * @param catastrophicMinDevices how many distinct recently exposed devices must have crashed before
 *     the fast path may fire
 * @param catastrophicShare the share of recently exposed devices that crashed at which the fast
 *     path fires
 * @param catastrophicWindowMinutes how recent "recently exposed" is
 */
public record GateSettings(
    int minControlDevices,
    double defaultMaxCrashRate,
    int catastrophicMinDevices,
    double catastrophicShare,
    int catastrophicWindowMinutes) {

  public GateSettings {
    require(minControlDevices >= 1, "minControlDevices must be at least 1");
    require(
        defaultMaxCrashRate > 0 && defaultMaxCrashRate <= 1,
        "defaultMaxCrashRate must be in (0, 1]");
    require(catastrophicMinDevices >= 1, "catastrophicMinDevices must be at least 1");
    require(catastrophicShare > 0 && catastrophicShare <= 1, "catastrophicShare must be in (0, 1]");
    require(catastrophicWindowMinutes >= 1, "catastrophicWindowMinutes must be at least 1");
  }

  public static final GateSettings DEFAULTS = new GateSettings(20, 0.02, 3, 0.5, 30);

  private static void require(boolean valid, String message) {
    if (!valid) {
      throw new IllegalArgumentException(message);
    }
  }
}
