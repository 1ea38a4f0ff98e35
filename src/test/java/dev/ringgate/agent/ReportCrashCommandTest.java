package dev.ringgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
    List<String> said = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      StringWriter out = new StringWriter();
      CommandLine command = AgentCommand.commandLine();
      command.setOut(new PrintWriter(out, true));
      assertThat(
              command.execute(
                  "report-crash", "--product", "agent", "--state-dir", state.toString()))
          .isZero();
      said.add(out.toString().trim());
    }

    // Then: 1.0.0 runs again; the reports wait in the spool for the agent's next cycle
    assertThat(versions.current()).isEqualTo("1.0.0");
    assertThat(new TelemetrySpool(state, null, 1, d -> {}, null, m -> {}).pending())
        .extracting(TelemetrySpool.Event::type)
        .containsExactly("CRASH", "CRASH", "CRASH", "BOOT_LOOP", "ROLLED_BACK");
    assertThat(said)
        .containsExactly(
            "crash of 2.0.0 recorded; CRASH is sent with the agent's next check-in",
            "crash of 2.0.0 recorded; CRASH is sent with the agent's next check-in",
            "crash of 2.0.0 recorded: a boot loop; reverted to 1.0.0 (BOOT_LOOP and ROLLED_BACK"
                + " are sent with the agent's next check-in)");
  }
}
