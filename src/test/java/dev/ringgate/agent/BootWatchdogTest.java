package dev.ringgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ringgate.kernel.ApiClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local boot-loop guard: 3 starts or crashes within 10 minutes of a new version revert it. */
class BootWatchdogTest {
  private static final Instant SWITCH = Instant.parse("2024-07-19T04:09:00Z");

  @TempDir Path state;
  private InstalledVersions versions;
  private TelemetrySpool spool;
  private BootWatchdog watchdog;

  @BeforeEach
  void aDeviceThatJustSwitchedFromOneToTwo() {
    versions = new InstalledVersions(state);
    versions.switchTo("1.0.0", SWITCH.minus(Duration.ofDays(30)));
    versions.switchTo("2.0.0", SWITCH);
    spool =
        new TelemetrySpool(
            state,
            ApiClient.of(URI.create("http://127.0.0.1:9")),
            1,
            d -> {},
            RandomGenerator.getDefault(),
            m -> {});
    watchdog =
        new BootWatchdog(state, versions, spool, "dev-1", "agent", BootWatchdog.Settings.DEFAULTS);
  }

  private static Instant minutes(int m) {
    return SWITCH.plus(Duration.ofMinutes(m));
  }

  @Test
  void threeBootsWithinTenMinutesOfANewVersionRevertToThePreviousOne() {
    // Given: two boots of 2.0.0
    watchdog.recordBoot(minutes(1));
    watchdog.recordBoot(minutes(4));

    // When: a third, within 10 minutes
    BootWatchdog.Outcome outcome = watchdog.recordBoot(minutes(7));

    // Then: 1.0.0 runs again, 2.0.0 is bad here, BOOT_LOOP (since the first boot) then ROLLED_BACK
    assertThat(outcome).isEqualTo(BootWatchdog.Outcome.REVERTED);
    assertThat(versions.current()).isEqualTo("1.0.0");
    assertThat(versions.previous()).isNull();
    assertThat(watchdog.isBad("2.0.0")).isTrue();
    assertThat(spool.pending())
        .extracting(
            TelemetrySpool.Event::type, TelemetrySpool.Event::version, TelemetrySpool.Event::at)
        .containsExactly(
            tuple("BOOT_LOOP", "2.0.0", minutes(1)), tuple("ROLLED_BACK", "1.0.0", minutes(7)));
  }

  @Test
  void aCrashReportedByTheHostCountsAsABoot() {
    // Given: a boot of 2.0.0 and a crash
    watchdog.recordBoot(minutes(1));
    watchdog.recordCrash(minutes(2));

    // When: a second crash
    BootWatchdog.Outcome outcome = watchdog.recordCrash(minutes(3));

    // Then
    assertThat(outcome).isEqualTo(BootWatchdog.Outcome.REVERTED);
    assertThat(spool.pending())
        .extracting(TelemetrySpool.Event::type)
        .containsExactly("CRASH", "CRASH", "BOOT_LOOP", "ROLLED_BACK");
  }

  @Test
  void bootsSpreadOverMoreThanTheWindowDoNotRevert() {
    // When: three boots, 12 minutes from first to last
    watchdog.recordBoot(minutes(0));
    watchdog.recordBoot(minutes(6));
    BootWatchdog.Outcome outcome = watchdog.recordBoot(minutes(12));

    // Then
    assertThat(outcome).isEqualTo(BootWatchdog.Outcome.RUNNING);
    assertThat(versions.current()).isEqualTo("2.0.0");
    assertThat(spool.pending()).isEmpty();
  }

  @Test
  void aVersionHealthyForFiveMinutesIsClearedAndNoLongerReverted() {
    // Given: two boots, then five quiet minutes
    watchdog.recordBoot(minutes(1));
    watchdog.recordBoot(minutes(2));
    assertThat(watchdog.checkHealthy(minutes(6))).isFalse();
    assertThat(watchdog.checkHealthy(minutes(7))).isTrue();

    // When: it starts twice more within the ten minutes
    watchdog.recordBoot(minutes(8));
    BootWatchdog.Outcome outcome = watchdog.recordBoot(minutes(9));

    // Then: healthy, so kept
    assertThat(outcome).isEqualTo(BootWatchdog.Outcome.RUNNING);
    assertThat(versions.current()).isEqualTo("2.0.0");
    assertThat(watchdog.isHealthy("2.0.0")).isTrue();
  }

  @Test
  void aBootLoopWithNoPreviousVersionIsReportedAndKept(@TempDir Path fresh) {
    // Given: a device whose first version loops
    InstalledVersions only = new InstalledVersions(fresh);
    only.switchTo("2.0.0", SWITCH);
    BootWatchdog guard =
        new BootWatchdog(fresh, only, spool, "dev-1", "agent", BootWatchdog.Settings.DEFAULTS);

    // When
    guard.recordBoot(minutes(1));
    guard.recordBoot(minutes(2));
    BootWatchdog.Outcome outcome = guard.recordBoot(minutes(3));

    // Then
    assertThat(outcome).isEqualTo(BootWatchdog.Outcome.LOOPING);
    assertThat(only.current()).isEqualTo("2.0.0");
    assertThat(spool.pending()).extracting(TelemetrySpool.Event::type).containsExactly("BOOT_LOOP");
  }
}
