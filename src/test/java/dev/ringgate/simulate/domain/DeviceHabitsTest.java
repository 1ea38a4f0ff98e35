package dev.ringgate.simulate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ringgate.simulate.domain.DeviceHabits.NightWindow;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeviceHabitsTest {
  private static final DeviceHabits HABITS = DeviceHabits.DEFAULTS;

  @Test
  void aDeviceSwitchedOffAtNightIsOffAcrossMidnightAndOnByDay() {
    // Given the middle of the spread: off at 22:00, on at 07:00
    NightWindow night = HABITS.nightWindow(0.5, 0.5);

    // Then
    assertThat(night.isOff(23.5)).isTrue();
    assertThat(night.isOff(3)).isTrue();
    assertThat(night.isOff(12)).isFalse();
    assertThat(night.hoursOff(1)).isEqualTo(3);
    assertThat(night.hoursUntilOn(23)).isEqualTo(8);
    assertThat(night.hoursUntilOn(12)).isZero();
  }

  @Test
  void nightHoursSpreadOverDevicesAround22To07() {
    // When a thousand devices draw their nights
    SplittableRandom random = new SplittableRandom(1);
    NightWindow[] nights =
        IntStream.range(0, 1_000)
            .mapToObj(i -> HABITS.nightWindow(random))
            .toArray(NightWindow[]::new);

    // Then they go off between 20:30 and 23:30 and are on again between 06:00 and 08:00
    assertThat(nights).allSatisfy(n -> assertThat(n.offAt()).isBetween(20.5, 23.5));
    assertThat(nights).allSatisfy(n -> assertThat(n.onAt()).isBetween(6.0, 8.0));
  }

  @Test
  void crashReportsArrivePromptlyLateOrInBursts() {
    SplittableRandom random = new SplittableRandom(2);

    // When
    List<Integer> prompt = draws(1_000, () -> HABITS.reportDelaySeconds(random, 0, 0));
    List<Integer> late = draws(1_000, () -> HABITS.reportDelaySeconds(random, 1, 0));
    List<Integer> burst = draws(1_000, () -> HABITS.reportDelaySeconds(random, 0, 4));

    // Then: within 2 minutes, after 2 to 12 hours, within the 4-hour burst
    assertThat(prompt).allSatisfy(s -> assertThat(s).isBetween(5, 119));
    assertThat(late).allSatisfy(s -> assertThat(s).isBetween(7_200, 43_199));
    assertThat(burst).allSatisfy(s -> assertThat(s).isBetween(0, 4 * 3600 - 1));
  }

  @Test
  void waitsOfConstantHazardAverageOneOverTheRate() {
    // When
    SplittableRandom random = new SplittableRandom(3);
    double mean =
        IntStream.range(0, 100_000)
            .mapToDouble(i -> DeviceHabits.exponentialWait(random, 0.25))
            .average()
            .orElseThrow();

    // Then
    assertThat(mean).isCloseTo(4.0, within(0.1));
  }

  @Test
  void noHazardMeansNeverAndDrawsNothing() {
    // Given two generators of the same seed
    SplittableRandom used = new SplittableRandom(4);
    SplittableRandom untouched = new SplittableRandom(4);

    // When
    double wait = DeviceHabits.exponentialWait(used, 0);
    boolean happened = DeviceHabits.happenedWithin(used, 0, 1e9);

    // Then the event never comes, and the generator is where it was (seeded runs stay aligned)
    assertThat(wait).isInfinite();
    assertThat(happened).isFalse();
    assertThat(used.nextLong()).isEqualTo(untouched.nextLong());
  }

  @Test
  void pollsComeWithinTheJitterEitherWay() {
    // When
    SplittableRandom random = new SplittableRandom(5);
    List<Integer> delays = draws(10_000, () -> DeviceHabits.pollDelay(random, 300, 30));

    // Then every wait is 270 to 330 s, both ends reached
    assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(270, 330)).contains(270, 330);
  }

  @Test
  void aNightThatDoesNotSpanMidnightIsRejected() {
    assertThatThrownBy(() -> new DeviceHabits(9, 1, 17, 1, 5, 115, 7_200, 36_000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Integer> draws(int count, IntSupplier draw) {
    return IntStream.range(0, count).map(i -> draw.getAsInt()).boxed().toList();
  }
}
