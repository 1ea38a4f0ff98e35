package dev.ringgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent report-crash}: the host's crash reports drive the watchdog with no server. */
class ReportCrashCommandTest {
  @TempDir Path state;

  @Test
  void threeCrashesReportedByTheHostRevertTheNewVersionWithNoServer() {
    // Given: a device that switched from 1.0.0 to 2.0.0 just now
    InstalledVersions versions = new InstalledVersions(state);
    versions.switchTo("1.0.0", Instant.now().minusSeconds(86_400));
    versions.switchTo("2.0.0", Instant.now());

    // When: the host reports three crashes
    for (int i = 0; i < 3; i++) {
      assertThat(
              AgentCommand.run(
                  "report-crash", "--product", "agent", "--state-dir", state.toString()))
          .isZero();
    }

    // Then: 1.0.0 runs again; the reports wait in the spool for the agent's next cycle
    assertThat(versions.current()).isEqualTo("1.0.0");
    assertThat(new TelemetrySpool(state, null, 1, d -> {}, null, m -> {}).pending())
        .extracting(TelemetrySpool.Event::type)
        .containsExactly("CRASH", "CRASH", "CRASH", "BOOT_LOOP", "ROLLED_BACK");
  }
}
