package dev.ringgate.release.domain;

import static dev.ringgate.release.domain.Versioning.SEMVER;
import static dev.ringgate.release.domain.Versioning.SEQUENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRangeTest {

  @ParameterizedTest(name = "[7.11,7.16) contains {0}: {1}")
  @CsvSource({
    "7.11.0, true",
    "7.11, true",
    "7.11.0+build.3, true",
    "7.12.4, true",
    "7.15.99, true",
    "7.16.0-rc.1, true",
    "7.16.0, false",
    "7.16, false",
    "7.16.0+build.3, false",
    "7.10.9, false",
    "7.11.0-rc.1, false",
    "8.0.0, false"
  })
  void halfOpenRangeIncludesLowerBoundAndExcludesUpperBound(String text, boolean expected) {
    // Given
    VersionRange range = VersionRange.parse("[7.11,7.16)", SEMVER);

    // When
    boolean contained = range.contains(SEMVER.parse(text));

    // Then
    assertThat(contained).isEqualTo(expected);
  }

  @Test
  void preReleaseOfExcludedUpperBoundIsInsideTheRangeBecauseItPrecedesTheRelease() {
    // Given
    VersionRange range = VersionRange.parse("[7.11,7.16)", SEMVER);
    Version releaseCandidate = SEMVER.parse("7.16.0-rc.1");

    // When
    boolean contained = range.contains(releaseCandidate);

    // Then: documented behaviour, 7.16.0-rc.1 < 7.16.0 under SemVer precedence
    assertThat(contained).isTrue();
    assertThat(range.contains(SEMVER.parse("7.16.0"))).isFalse();
  }

  @ParameterizedTest(name = "(7.0,7.5] contains {0}: {1}")
  @CsvSource({
    "7.0.0, false",
    "7.0, false",
    "7.0.0-rc.1, false",
    "7.0.0+build.1, false",
    "7.0.1-alpha, true",
    "7.0.1, true",
    "7.5.0-rc.1, true",
    "7.5.0, true",
    "7.5.0+build.1, true",
    "7.5.1, false"
  })
  void exclusiveLowerAndInclusiveUpperBoundsAreHonouredExactly(String text, boolean expected) {
    // Given
    VersionRange range = VersionRange.parse("(7.0,7.5]", SEMVER);

    // When
    boolean contained = range.contains(SEMVER.parse(text));

    // Then
    assertThat(contained).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "'[7.11,)', 7.11.0, true",
    "'[7.11,)', 9223372036854775807.0.0, true",
    "'[7.11,)', 7.10.99, false",
    "'(7.11,)', 7.11.0, false",
    "'(7.11,)', 7.11.1, true",
    "'(,8.0]', 0.0.0-0, true",
    "'(,8.0]', 8.0.0, true",
    "'(,8.0]', 8.0.1, false",
    "'(,8.0)', 8.0.0-rc.1, true",
    "'(,8.0)', 8.0.0, false"
  })
  void openEndedRangeHasNoLimitOnItsMissingSide(String rangeText, String text, boolean expected) {
    // Given
    VersionRange range = VersionRange.parse(rangeText, SEMVER);

    // When
    boolean contained = range.contains(SEMVER.parse(text));

    // Then
    assertThat(contained).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[7.11] contains {0}: {1}")
  @CsvSource({
    "7.11.0, true",
    "7.11, true",
    "7.11.0+build.2, true",
    "7.11.1, false",
    "7.11.0-rc.1, false",
    "7.10.0, false"
  })
  void exactRangeContainsOnlyVersionsEqualToIt(String text, boolean expected) {
    // Given
    VersionRange range = VersionRange.parse("[7.11]", SEMVER);

    // When
    boolean contained = range.contains(SEMVER.parse(text));

    // Then
    assertThat(contained).isEqualTo(expected);
    assertThat(range).isEqualTo(VersionRange.parse("[7.11,7.11]", SEMVER));
  }

  @Test
  void whitespaceAroundBoundsIsToleratedAndOriginalTextIsKept() {
    // Given
    String text = "  [ 7.11 ,\t7.16 )  ";

    // When
    VersionRange range = VersionRange.parse(text, SEMVER);

    // Then
    assertThat(range.text()).isEqualTo(text);
    assertThat(range).hasToString(text);
    assertThat(range.contains(SEMVER.parse("7.11.0"))).isTrue();
    assertThat(range.contains(SEMVER.parse("7.16.0"))).isFalse();
    assertThat(range).isEqualTo(VersionRange.parse("[7.11,7.16)", SEMVER));
  }

  @Test
  void rangesWithEqualBoundsAndInclusivenessAreEqualWhateverTheirText() {
    // Given
    VersionRange shortForm = VersionRange.parse("[7.11,8)", SEMVER);
    VersionRange longForm = VersionRange.parse("[7.11.0, 8.0.0+build)", SEMVER);

    // When
    boolean equal = shortForm.equals(longForm);

    // Then
    assertThat(equal).isTrue();
    assertThat(shortForm).hasSameHashCodeAs(longForm);
    assertThat(shortForm).isNotEqualTo(VersionRange.parse("[7.11,8]", SEMVER));
  }

  @Test
  void rangeExposesItsBounds() {
    // Given
    String text = "(7.0,7.5]";

    // When
    VersionRange range = VersionRange.parse(text, SEMVER);

    // Then
    assertThat(range.versioning()).isEqualTo(SEMVER);
    assertThat(range.lower()).contains(SEMVER.parse("7.0.0"));
    assertThat(range.lowerInclusive()).isFalse();
    assertThat(range.upper()).contains(SEMVER.parse("7.5.0"));
    assertThat(range.upperInclusive()).isTrue();
    assertThat(VersionRange.parse("[7.11,)", SEMVER).upper()).isEmpty();
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "'[100,200)', 99, false",
    "'[100,200)', 100, true",
    "'[100,200)', 199, true",
    "'[100,200)', 200, false",
    "'(9,10]', 9, false",
    "'(9,10]', 10, true",
    "'[42]', 42, true",
    "'[42]', 43, false",
    "'(,10)', 0, true",
    "'(4,6)', 5, true"
  })
  void sequenceRangesCompareNumbersNumerically(String rangeText, String text, boolean expected) {
    // Given
    VersionRange range = VersionRange.parse(rangeText, SEQUENCE);

    // When
    boolean contained = range.contains(SEQUENCE.parse(text));

    // Then
    assertThat(contained).isEqualTo(expected);
  }

  @Test
  void versionOfAnotherKindCannotBeTested() {
    // Given
    VersionRange range = VersionRange.parse("[7,8)", SEMVER);

    // When / Then
    assertThatThrownBy(() -> range.contains(SEQUENCE.parse("7")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot compare");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                | is malformed: too short",
        "'   '             | is malformed: too short",
        "7.11              | is malformed: must start with '[' or '('",
        "7.11,7.16)        | is malformed: must start with '[' or '('",
        "{7.11,7.16}       | is malformed: must start with '[' or '('",
        "[7.11,7.16        | is malformed: must end with ']' or ')'",
        "[7.11,7.12,7.16)  | is malformed: more than one ','",
        "(7.11)            | is malformed: a single version must be in square brackets",
        "[7.11)            | is malformed: a single version must be in square brackets",
        "[]                | is malformed: no version between the brackets",
        "'[  ]'            | is malformed: no version between the brackets",
        "(,)               | is malformed: no bounds",
        "'( , )'           | is malformed: no bounds",
        "[,)               | is malformed: no bounds",
        "[,8.0]            | is malformed: a missing lower bound must be written with '('",
        "[7.11,]           | is malformed: a missing upper bound must be written with ')'",
        "[v7.11,8)         | has an invalid lower bound: 'v7.11' is not a semantic version",
        "[7.11,8.x)        | has an invalid upper bound: '8.x' is not a semantic version",
        "[7.1.2.3]         | has an invalid version: '7.1.2.3' is not a semantic version",
        "[[7.11,8)         | has an invalid lower bound: '[7.11' is not a semantic version"
      })
  void malformedRangeIsRejectedWithAClearMessage(String text, String expectedMessage) {
    // Given
    // a text that is not interval notation with valid bounds

    // When / Then
    assertThatThrownBy(() -> VersionRange.parse(text, SEMVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expectedMessage);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"(8.0,7.0)", "[7.16,7.11)", "[7.1,7.0.9]", "[7.0.0,7.0.0-rc.1]"})
  void rangeWithLowerBoundAboveUpperBoundIsRejected(String text) {
    // Given
    // a lower bound of higher precedence than the upper bound

    // When / Then
    assertThatThrownBy(() -> VersionRange.parse(text, SEMVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above its upper bound");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"(7.1,7.1)", "[7.1,7.1)", "(7.1,7.1]", "(7.1,7.1.0+build]"})
  void rangeWithEqualBoundsNotBothIncludedIsRejectedAsEmpty(String text) {
    // Given
    // equal bounds where at least one is excluded

    // When / Then
    assertThatThrownBy(() -> VersionRange.parse(text, SEMVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is empty");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"(4,5)", "(4,4]", "(,0)", "(9223372036854775807,)"})
  void sequenceRangeWithNoIntegerInsideIsRejectedAsEmpty(String text) {
    // Given
    // bounds with no sequence number strictly between them

    // When / Then
    assertThatThrownBy(() -> VersionRange.parse(text, SEQUENCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is empty");
  }

  @Test
  void sequenceBoundsMustBeSequenceNumbers() {
    // Given
    String text = "[7.11,7.16)";

    // When / Then
    assertThatThrownBy(() -> VersionRange.parse(text, SEQUENCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a non-negative integer sequence number");
  }

  @Test
  void missingRangeTextIsRejectedAsIllegalArgument() {
    // Given
    String text = null;

    // When / Then
    assertThatThrownBy(() -> VersionRange.parse(text, SEMVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("version range is missing");
  }
}
