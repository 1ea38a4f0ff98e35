package dev.ringgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.kernel.ApiClient;
import org.junit.jupiter.api.Test;

/** The ring table of {@code rollout show} and {@code rollout watch}, from a rollout's JSON. */
class RolloutTableTest {
  private static JsonNode view(String state, String history) throws Exception {
    return ApiClient.json()
        .readTree(
            """
            {"id": "rol_1", "productId": "sensor", "version": "1.1.0", "state": "%s",
             "ringIndex": 0,
             "rings": [{"name": "lab", "shareBp": 10000, "admittedBp": 10000, "state": "ACTIVE",
                        "exposedDevices": 3, "crashedDevices": 1, "silentDevices": 0,
                        "controlDevices": 0, "controlCrashedDevices": 0, "verdict": "HALT",
                        "verdictDetail": "no control group"}],
             "history": %s}
            """
                .formatted(state, history));
  }

  @Test
  void a_rollout_rolled_back_by_the_gate_says_who_and_why() throws Exception {
    // Given
    JsonNode view =
        view(
            "ROLLED_BACK",
            """
            [{"to": "IN_PROGRESS", "actor": {"type": "API_KEY", "id": "key_1"}, "reason": "go"},
             {"to": "ROLLED_BACK", "actor": {"type": "SYSTEM", "id": "health-gate"},
              "reason": "health gate: exposed 1 failed"}]
            """);

    // When
    String table = RolloutTable.render(view);

    // Then
    assertThat(table)
        .contains("Rollout rol_1: sensor 1.1.0, ROLLED_BACK")
        .contains("ROLLED_BACK by health-gate: health gate: exposed 1 failed")
        .contains("Next: rolled back; devices on 1.1.0 are told to return");
  }

  @Test
  void a_rollout_in_progress_names_no_one() throws Exception {
    // Given
    JsonNode view =
        view(
            "IN_PROGRESS",
            """
            [{"to": "IN_PROGRESS", "actor": {"type": "API_KEY", "id": "key_1"}, "reason": "go"}]
            """);

    // When
    String table = RolloutTable.render(view);

    // Then
    assertThat(table).doesNotContain(" by ");
  }
}
