package dev.ringgate.release.domain;

import static dev.ringgate.release.domain.Versioning.SEMVER;
import static dev.ringgate.release.domain.Versioning.SEQUENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

  /** The precedence example of SemVer 2.0 §11.4, lowest first. */
  private static final List<String> SPEC_PRECEDENCE =
      List.of(
          "1.0.0-alpha",
          "1.0.0-alpha.1",
          "1.0.0-alpha.beta",
          "1.0.0-beta",
          "1.0.0-beta.2",
          "1.0.0-beta.11",
          "1.0.0-rc.1",
          "1.0.0");

  static Stream<Arguments> specPrecedenceNeighbours() {
    return IntStream.range(0, SPEC_PRECEDENCE.size() - 1)
        .mapToObj(i -> Arguments.of(SPEC_PRECEDENCE.get(i), SPEC_PRECEDENCE.get(i + 1)));
  }

  @ParameterizedTest(name = "{0} < {1}")
  @MethodSource("specPrecedenceNeighbours")
  void semverPrecedenceFollowsTheSpecExample(String lowerText, String higherText) {
    // Given
    Version lower = SEMVER.parse(lowerText);
    Version higher = SEMVER.parse(higherText);

    // When
    int lowerToHigher = lower.compareTo(higher);
    int higherToLower = higher.compareTo(lower);

    // Then
    assertThat(lowerToHigher).isNegative();
    assertThat(higherToLower).isPositive();
    assertThat(lower).isNotEqualTo(higher);
  }

  @Test
  void sortingShuffledSpecExampleRestoresSpecOrder() {
    // Given
    List<Version> versions = new ArrayList<>();
    SPEC_PRECEDENCE.forEach(text -> versions.add(SEMVER.parse(text)));
    Collections.shuffle(versions, new Random(42));

    // When
    Collections.sort(versions);

    // Then
    assertThat(versions).extracting(Version::text).containsExactlyElementsOf(SPEC_PRECEDENCE);
  }

  @ParameterizedTest(name = "{0} < {1}")
  @CsvSource({
    "1.9.0, 1.10.0",
    "1.10.0, 1.11.0",
    "2.0.0, 2.1.0",
    "2.1.0, 2.1.1",
    "1.99.99, 2.0.0",
    "7.15.99, 7.16.0",
    "1.0.0-rc.1, 1.0.0",
    "1.0.0, 1.0.1-0",
    "1.0.0-1, 1.0.0-alpha",
    "1.0.0-alpha, 1.0.0-alpha.0",
    "1.0.0-Alpha, 1.0.0-alpha",
    "1.0.0-9999, 1.0.0-99999999999999999999999",
    "0.0.0-0, 0.0.0",
    "9223372036854775806.0.0, 9223372036854775807.0.0"
  })
  void semverComparesPartsNumericallyAndIdentifiersPerSpec(String lowerText, String higherText) {
    // Given
    Version lower = SEMVER.parse(lowerText);
    Version higher = SEMVER.parse(higherText);

    // When
    int comparison = lower.compareTo(higher);

    // Then
    assertThat(comparison).isNegative();
    assertThat(higher).isGreaterThan(lower);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "7.11, 7.11.0",
    "7, 7.0.0",
    "7, 7.0",
    "0, 0.0.0",
    "7.11-rc.1, 7.11.0-rc.1",
    "7-rc.1+build.5, 7.0.0-rc.1"
  })
  void missingMinorAndPatchPartsCountAsZero(String shortText, String fullText) {
    // Given
    Version shortForm = SEMVER.parse(shortText);
    Version fullForm = SEMVER.parse(fullText);

    // When
    int comparison = shortForm.compareTo(fullForm);

    // Then
    assertThat(comparison).isZero();
    assertThat(shortForm).isEqualTo(fullForm).hasSameHashCodeAs(fullForm);
    assertThat(shortForm.normalized()).isEqualTo(fullForm.normalized());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "1.0.0+build.1, 1.0.0",
    "1.0.0+build.1, 1.0.0+build.2",
    "1.0.0-rc.1+exp.sha.5114f85, 1.0.0-rc.1",
    "1.0.0+001, 1.0.0+20130313144700"
  })
  void buildMetadataIsIgnoredForPrecedenceAndEquality(String oneText, String otherText) {
    // Given
    Version one = SEMVER.parse(oneText);
    Version other = SEMVER.parse(otherText);

    // When
    int comparison = one.compareTo(other);

    // Then
    assertThat(comparison).isZero();
    assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
    assertThat(one.text()).isEqualTo(oneText);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "7.11, 7.11.0",
    "7, 7.0.0",
    "7.11.3, 7.11.3",
    "7.11-rc.1, 7.11.0-rc.1",
    "7.11.0-rc.1+build.7, 7.11.0-rc.1",
    "1.0.0-x-y-z.--, 1.0.0-x-y-z.--"
  })
  void normalizedFormFillsMissingPartsAndDropsBuildMetadata(String text, String expected) {
    // Given
    Version version = SEMVER.parse(text);

    // When
    String normalized = version.normalized();

    // Then
    assertThat(normalized).isEqualTo(expected);
    assertThat(version.text()).isEqualTo(text);
    assertThat(version).hasToString(text);
  }

  @Test
  void semverExposesItsParsedParts() {
    // Given
    String text = "7.11.2-rc.1+build.9";

    // When
    Version version = Version.parse(text, SEMVER);

    // Then
    assertThat(version.versioning()).isEqualTo(SEMVER);
    assertThat(version.major()).isEqualTo(7);
    assertThat(version.minor()).isEqualTo(11);
    assertThat(version.patch()).isEqualTo(2);
    assertThat(version.preRelease()).isEqualTo("rc.1");
    assertThat(version.buildMetadata()).isEqualTo("build.9");
    assertThat(version.isPreRelease()).isTrue();
    assertThatThrownBy(version::sequence).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "v1.2",
        "1.2.3.4",
        "01.2",
        "1.02",
        "1.2.03",
        "1.2.3-",
        "1..2",
        "1.",
        ".1",
        "1.2.3-01",
        "1.2.3-rc.01",
        "1.2.3-rc..1",
        "1.2.3-rc.",
        "1.2.3-rc_1",
        "1.2.3+",
        "1.2.3+build..1",
        "1.2.3+build+2",
        " 1.2.3",
        "1.2.3 ",
        "-1.2.3",
        "+1.2.3",
        "1.2.x",
        "1.2.3-é",
        "9223372036854775808",
        "1.99999999999999999999"
      })
  void semverRejectsMalformedText(String text) {
    // Given
    // a text that is not MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD] with valid parts

    // When / Then
    assertThatThrownBy(() -> SEMVER.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a semantic version");
  }

  @Test
  void semverRejectsNumericPreReleaseIdentifierWithLeadingZero() {
    // Given
    String text = "1.0.0-alpha.007";

    // When / Then
    assertThatThrownBy(() -> SEMVER.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'007' has a leading zero");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"1.0.0-0", "1.0.0-0a", "1.0.0-00a", "1.0.0-alpha.0.valid", "1.0.0+007"})
  void zeroPrefixIsAllowedInAlphanumericIdentifiersAndBuildMetadata(String text) {
    // Given
    // a pre-release or build identifier that starts with zero but is not a numeric identifier

    // When
    Version version = SEMVER.parse(text);

    // Then
    assertThat(version.text()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void emptyOrBlankTextIsRejected(String text) {
    // Given
    // no version at all

    // When / Then
    assertThatThrownBy(() -> SEMVER.parse(text)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SEQUENCE.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingTextIsRejectedAsIllegalArgument() {
    // Given
    String text = null;

    // When / Then
    assertThatThrownBy(() -> SEMVER.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("version is missing");
  }

  @Test
  void textOfSixtyFourCharactersIsAccepted() {
    // Given
    String text = "1.0.0-" + "a".repeat(58);

    // When
    Version version = SEMVER.parse(text);

    // Then
    assertThat(text).hasSize(64);
    assertThat(version.preRelease()).hasSize(58);
  }

  @Test
  void textLongerThanSixtyFourCharactersIsRejected() {
    // Given
    String text = "1.0.0-" + "a".repeat(59);

    // When / Then
    assertThat(text).hasSize(65);
    assertThatThrownBy(() -> SEMVER.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is longer than 64 characters");
    assertThatThrownBy(() -> SEQUENCE.parse("1".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is longer than 64 characters");
  }

  @Test
  void largestLongIsAcceptedAsNumericPart() {
    // Given
    String text = "9223372036854775807.0.9223372036854775807";

    // When
    Version version = SEMVER.parse(text);

    // Then
    assertThat(version.major()).isEqualTo(Long.MAX_VALUE);
    assertThat(version.patch()).isEqualTo(Long.MAX_VALUE);
  }

  @ParameterizedTest(name = "{0} < {1}")
  @CsvSource({"0, 1", "9, 10", "99, 100", "41, 1000", "9223372036854775806, 9223372036854775807"})
  void sequenceNumbersCompareNumerically(String lowerText, String higherText) {
    // Given
    Version lower = SEQUENCE.parse(lowerText);
    Version higher = SEQUENCE.parse(higherText);

    // When
    int comparison = lower.compareTo(higher);

    // Then
    assertThat(comparison).isNegative();
    assertThat(higher).isGreaterThan(lower);
    assertThat(lower.sequence()).isLessThan(higher.sequence());
  }

  @Test
  void sequenceNumberIsItsOwnNormalizedForm() {
    // Given
    Version version = SEQUENCE.parse("1042");

    // When
    String normalized = version.normalized();

    // Then
    assertThat(normalized).isEqualTo("1042");
    assertThat(version.sequence()).isEqualTo(1042);
    assertThat(version.isPreRelease()).isFalse();
    assertThat(version).isEqualTo(SEQUENCE.parse("1042")).hasSameHashCodeAs(SEQUENCE.parse("1042"));
    assertThatThrownBy(version::major).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"-1", "+1", "1.0", "007", "00", "1e3", "0x1F", " 1", "1 ", "9223372036854775808"})
  void sequenceRejectsAnythingButAPlainNonNegativeInteger(String text) {
    // Given
    // a text that is not digits without leading zeros fitting in a long

    // When / Then
    assertThatThrownBy(() -> SEQUENCE.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a non-negative integer sequence number");
  }

  @Test
  void comparingSemverWithSequenceThrows() {
    // Given
    Version semver = SEMVER.parse("7");
    Version sequence = SEQUENCE.parse("7");

    // When / Then
    assertThatThrownBy(() -> semver.compareTo(sequence))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot compare SEMVER version '7' with SEQUENCE version '7'");
    assertThatThrownBy(() -> sequence.compareTo(semver))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void semverAndSequenceVersionsAreNeverEqual() {
    // Given
    Version semver = SEMVER.parse("7");
    Version sequence = SEQUENCE.parse("7");

    // When
    boolean equal = semver.equals(sequence);

    // Then
    assertThat(equal).isFalse();
  }

  @Test
  void equalsAndHashCodeAreConsistentWithCompareTo() {
    // Given
    List<Version> versions = new ArrayList<>();
    Stream.of(
            "1",
            "1.0",
            "1.0.0",
            "1.0.0+b",
            "1.0.0-rc.1",
            "1.0.0-rc.1+b",
            "1.0.0-rc.01a",
            "1.0.0-rc.1.0",
            "1.1",
            "2.0.0-0")
        .map(SEMVER::parse)
        .forEach(versions::add);

    // When / Then
    for (Version a : versions) {
      for (Version b : versions) {
        boolean sameRank = a.compareTo(b) == 0;
        assertThat(a.equals(b)).as("%s equals %s", a, b).isEqualTo(sameRank);
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
        if (sameRank) {
          assertThat(a.hashCode()).as("hash of %s and %s", a, b).isEqualTo(b.hashCode());
        }
      }
    }
  }
}
