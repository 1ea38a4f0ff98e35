package dev.ringgate.release.domain;

/**
 * How the versions of a product are written and ordered.
 *
 * <ul>
 *   <li>{@link #SEMVER}: Semantic Versioning 2.0 ({@code
 *       MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]}), where missing minor and patch parts count as
 *       zero ({@code 7.11} is {@code 7.11.0}) and build metadata is ignored for ordering and
 *       equality.
 *   <li>{@link #SEQUENCE}: a single non-negative integer (a build or sequence number) ordered
 *       numerically, written without sign or leading zeros.
 * </ul>
 *
 * <p>Versions of different kinds cannot be compared with each other. See {@link Version} for the
 * full rules.
 */
public enum Versioning {
  /** Semantic Versioning 2.0 with optional minor and patch parts. */
  SEMVER,
  /** A non-negative integer sequence number. */
  SEQUENCE;

  /**
   * Parses {@code text} as a version of this kind.
   *
   * @param text the version as written, without surrounding whitespace
   * @return the parsed version
   * @throws IllegalArgumentException if {@code text} is missing, longer than {@value
   *     Version#MAX_LENGTH} characters or not a valid version of this kind; the message is short
   *     and readable by an end user
   */
  public Version parse(String text) {
    return switch (this) {
      case SEMVER -> Version.parseSemver(text);
      case SEQUENCE -> Version.parseSequence(text);
    };
  }
}
