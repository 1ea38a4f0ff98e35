package dev.ringgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.kernel.Patterns;
import org.junit.jupiter.api.Test;

class PatternsTest {
  private static final char HIGH = (char) 0xD83D;
  private static final char LOW = (char) 0xDE00;

  @Test
  void textWithSurrogatePairsIsWellFormedUnicode() {
    assertThat(Patterns.isWellFormedUnicode("")).isTrue();
    assertThat(Patterns.isWellFormedUnicode("agent-7.11 é ✓")).isTrue();
    assertThat(Patterns.isWellFormedUnicode("smile " + HIGH + LOW + HIGH + LOW)).isTrue();
  }

  @Test
  void anUnpairedSurrogateIsNotWellFormedUnicode() {
    assertThat(Patterns.isWellFormedUnicode("a" + HIGH)).isFalse();
    assertThat(Patterns.isWellFormedUnicode(HIGH + "a")).isFalse();
    assertThat(Patterns.isWellFormedUnicode("a" + LOW + "b")).isFalse();
    assertThat(Patterns.isWellFormedUnicode("" + LOW + HIGH)).isFalse();
    assertThat(Patterns.isWellFormedUnicode("" + HIGH + HIGH + LOW)).isFalse();
  }
}
