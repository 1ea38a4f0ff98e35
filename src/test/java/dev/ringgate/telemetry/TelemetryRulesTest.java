package dev.ringgate.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.kernel.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryRulesTest {
  private static List<Violation> check(String deviceId, String version, String detail) {
    List<Violation> problems = new ArrayList<>();
    TelemetryRules.check(
        deviceId, "sensor", version, TelemetryType.CRASH, Instant.EPOCH, detail, problems);
    return problems;
  }

  @Test
  void aValidEventBreaksNoRule() {
    assertThat(check("dev-1", "1.0.0", "ok")).isEmpty();
  }

  @Test
  void theDetailLimitCountsUtf8BytesNotCharacters() {
    // 1,025 characters of two bytes each: 2,050 bytes
    assertThat(check("dev-1", "1.0.0", "é".repeat(1025)))
        .containsExactly(new Violation("detail", "must be at most 2 KiB"));
    assertThat(check("dev-1", "1.0.0", "é".repeat(1024))).isEmpty();
  }

  @Test
  void eachBrokenRuleNamesItsField() {
    List<Violation> problems = new ArrayList<>();
    TelemetryRules.check("bad id!", null, " ", null, null, null, problems);
    assertThat(problems)
        .extracting(Violation::field)
        .containsExactly("deviceId", "productId", "version", "type", "at");
  }

  @Test
  void aVersionLongerThan64CharactersIsRefused() {
    assertThat(check("dev-1", "1".repeat(65), null))
        .containsExactly(new Violation("version", "must be at most 64 characters"));
  }
}
