package dev.ringgate.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.telemetry.TelemetryType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TelemetryRecordsTest {
  private static TelemetryRecords.Parsed parse(String json) {
    return TelemetryRecords.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aValidRecordIsReadAndUnknownPropertiesAreSkipped() {
    TelemetryRecords.Parsed parsed =
        parse(
            "{\"tenantId\":\"t-1\",\"deviceId\":\"pc-1\",\"productId\":\"sensor\",\"version\":\"7.1\","
                + "\"type\":\"BOOT_LOOP\",\"at\":\"2026-11-25T01:02:03Z\",\"bootMs\":512,"
                + "\"extra\":{\"nested\":[1,2]}}");

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.event().deviceId()).isEqualTo("pc-1");
    assertThat(parsed.event().type()).isEqualTo(TelemetryType.BOOT_LOOP);
    assertThat(parsed.event().at().toString()).isEqualTo("2026-11-25T01:02:03Z");
    assertThat(parsed.event().tenantId()).isEqualTo("t-1");
  }

  @Test
  void everyBrokenRuleIsNamed() {
    TelemetryRecords.Parsed parsed =
        parse(
            "{\"deviceId\":\"bad id\",\"version\":\"\",\"type\":\"CRASHED\",\"at\":\"yesterday\","
                + "\"detail\":\""
                + "x".repeat(2049)
                + "\"}");

    assertThat(parsed.event()).isNull();
    assertThat(parsed.problems())
        .anyMatch(p -> p.startsWith("deviceId must start with"))
        .contains("productId must not be null")
        .contains("version must not be blank")
        .anyMatch(p -> p.startsWith("type 'CRASHED' is not one of"))
        .contains("at 'yesterday' is not an ISO-8601 instant")
        .contains("detail must be at most 2 KiB");
  }

  @Test
  void notAnObjectOrNotJsonOrANumberWhereTextBelongsIsRefused() {
    assertThat(parse("[1,2]").problems()).containsExactly("malformed JSON: not an object");
    assertThat(parse("{\"deviceId\": ").problems().get(0)).startsWith("malformed JSON");
    assertThat(parse("{\"deviceId\":42}").problems()).containsExactly("deviceId must be a string");
    assertThat(parse("{} {}").problems()).containsExactly("malformed JSON: trailing content");
  }

  @Test
  void aTimeGivenAsANumberOrANumericStringIsRefused() {
    String start =
        "{\"deviceId\":\"pc-1\",\"productId\":\"p\",\"version\":\"1\",\"type\":\"CRASH\",";
    assertThat(parse(start + "\"at\":1700000000}").problems())
        .containsExactly("at must be a string");
    assertThat(parse(start + "\"at\":1.7E9}").problems()).containsExactly("at must be a string");
    assertThat(parse(start + "\"at\":\"1700000000\"}").problems())
        .containsExactly("at '1700000000' is not an ISO-8601 instant");
  }
}
