package dev.ringgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The agent logs why the server answered as it did, code and words. */
class AnswerReasonTest {

  @Test
  void theAgentsLogLineCarriesTheReasonCodeAndTheWords() throws Exception {
    // Given a STAY naming the agent range
    Answer answer =
        Answer.from(
            new ObjectMapper()
                .readTree(
                    """
                    {"productId": "sensor", "action": "STAY", "version": null,
                     "reason": "Release 7.11.2 needs an agent version 7.11 or later and below 7.16\
                     ([7.11,7.16)); this device's agent is 7.10.0.",
                     "reasonCode": "AGENT_VERSION_OUT_OF_RANGE", "pollAfterSeconds": 300}
                    """));

    // When
    String why = Agent.why(answer);

    // Then
    assertThat(answer.reasonCode()).isEqualTo("AGENT_VERSION_OUT_OF_RANGE");
    assertThat(why).startsWith(" [AGENT_VERSION_OUT_OF_RANGE]: Release 7.11.2 needs");
  }

  @Test
  void anOlderServerWithoutACodeGivesTheWordsAlone() throws Exception {
    Answer answer =
        Answer.from(
            new ObjectMapper()
                .readTree("{\"action\": \"STAY\", \"reason\": \"No newer release.\"}"));

    assertThat(Agent.why(answer)).isEqualTo(": No newer release.");
  }
}
