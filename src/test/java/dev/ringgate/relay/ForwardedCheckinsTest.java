package dev.ringgate.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.checkin.domain.Decision;
import dev.ringgate.checkin.domain.Reason;
import org.junit.jupiter.api.Test;

/** Which relayed check-ins go upstream: no repeat within half the poll interval. */
class ForwardedCheckinsTest {
  private static final Decision STAY =
      new Decision(Action.STAY, null, "1.0.0", Reason.UP_TO_DATE, null, null, null);
  private static final Decision INSTALL =
      new Decision(Action.INSTALL, null, "2.0.0", Reason.NEW_RELEASE, null, null, null);

  private final ForwardedCheckins forwarded = new ForwardedCheckins();

  @Test
  void aDevicePollingAgainWithinHalfItsIntervalIsForwardedOnce() {
    assertThat(forwarded.due("d1", "agent", "1.0.0", STAY, 0, 300)).isTrue();
    assertThat(forwarded.due("d1", "agent", "1.0.0", STAY, 149_000, 300)).isFalse();
    assertThat(forwarded.due("d1", "agent", "1.0.0", STAY, 150_000, 300)).isTrue();
  }

  @Test
  void anotherAnswerAnotherVersionOrAnotherProductIsForwardedAtOnce() {
    forwarded.due("d1", "agent", "1.0.0", STAY, 0, 300);

    assertThat(forwarded.due("d1", "agent", "1.0.0", INSTALL, 1_000, 300)).isTrue();
    assertThat(forwarded.due("d1", "agent", "2.0.0", INSTALL, 2_000, 300)).isTrue();
    assertThat(forwarded.due("d1", "content", "2.0.0", INSTALL, 3_000, 300)).isTrue();
    assertThat(forwarded.due("d2", "content", "2.0.0", INSTALL, 3_000, 300)).isTrue();
  }
}
