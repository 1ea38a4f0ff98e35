package dev.ringgate.release.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, non-empty interval of {@link Version}s of one {@link Versioning}, written in
 * interval notation.
 *
 * <ul>
 *   <li>{@code [a,b)}, {@code (a,b]}, {@code [a,b]}, {@code (a,b)}: {@code [}/{@code ]} include the
 *       bound, {@code (}/{@code )} exclude it.
 *   <li>{@code [a,)} or {@code (a,)}: no upper bound; {@code (,b]} or {@code (,b)}: no lower bound.
 *       A missing bound must use a parenthesis, so {@code [,8.0]} is rejected.
 *   <li>{@code [a]}: exactly the versions equal to {@code a} (same as {@code [a,a]}).
 *   <li>Whitespace around the whole text and around each bound is tolerated.
 * </ul>
 *
 * <p>Bounds compare by version precedence (see {@link Version}), so for SEMVER a pre-release of an
 * excluded upper bound is inside the range: {@code [7.11,7.16)} contains {@code 7.16.0-rc.1}
 * because {@code 7.16.0-rc.1 < 7.16.0}. Build metadata is ignored.
 *
 * <p>Parsing rejects malformed text, a lower bound above the upper bound, ranges with no bound at
 * all ({@code (,)}) and empty ranges with equal bounds such as {@code (7.1,7.1)} or {@code
 * [7.1,7.1)}. For SEQUENCE, where versions are integers, ranges with no integer inside such as
 * {@code (4,5)} or {@code (,0)} are rejected as empty too.
 *
 * <p>{@link #contains(Version)} is allocation-free. Two ranges are {@link #equals equal} when they
 * have the same kind, equal bounds and the same inclusiveness, whatever their text ({@code
 * [7.11,8)} equals {@code [7.11.0, 8.0.0)}).
 */
public final class VersionRange {

  private static final String EXPECTED =
      " (expected interval notation such as [7.11,7.16), [7.11,), (,8.0] or [7.11])";

  private final String text;
  private final Versioning versioning;
  private final Version lower;
  private final boolean lowerInclusive;
  private final Version upper;
  private final boolean upperInclusive;

  private VersionRange(
      String text,
      Versioning versioning,
      Version lower,
      boolean lowerInclusive,
      Version upper,
      boolean upperInclusive) {
    this.text = text;
    this.versioning = versioning;
    this.lower = lower;
    this.lowerInclusive = lowerInclusive;
    this.upper = upper;
    this.upperInclusive = upperInclusive;
  }

  /**
   * Parses a range in interval notation whose bounds are versions of the given kind.
   *
   * @param text the range, e.g. {@code [7.11,7.16)}
   * @param versioning how the bounds are parsed and compared
   * @return the range, keeping {@code text} as given
   * @throws IllegalArgumentException if the text is missing, malformed, has an invalid bound, has
   *     no bound at all, has its lower bound above its upper bound, or contains no version
   */
  public static VersionRange parse(String text, Versioning versioning) {
    Objects.requireNonNull(versioning, "versioning");
    if (text == null) {
      throw new IllegalArgumentException("version range is missing");
    }
    String body = text.strip();
    if (body.length() < 2) {
      throw malformed(text, "too short");
    }
    char open = body.charAt(0);
    char close = body.charAt(body.length() - 1);
    if (open != '[' && open != '(') {
      throw malformed(text, "must start with '[' or '('");
    }
    if (close != ']' && close != ')') {
      throw malformed(text, "must end with ']' or ')'");
    }
    String inner = body.substring(1, body.length() - 1);
    int comma = inner.indexOf(',');
    if (comma < 0) {
      return exact(text, versioning, open, close, inner.strip());
    }
    if (inner.indexOf(',', comma + 1) >= 0) {
      throw malformed(text, "more than one ','");
    }
    return interval(
        text,
        versioning,
        open,
        inner.substring(0, comma).strip(),
        inner.substring(comma + 1).strip(),
        close);
  }

  /**
   * Whether {@code version} lies within this range; allocation-free.
   *
   * @throws IllegalArgumentException if {@code version} is of another {@link Versioning}
   */
  public boolean contains(Version version) {
    if (lower != null) {
      int result = version.compareTo(lower);
      if (result < 0 || (result == 0 && !lowerInclusive)) {
        return false;
      }
    }
    if (upper != null) {
      int result = version.compareTo(upper);
      return result < 0 || (result == 0 && upperInclusive);
    }
    return true;
  }

  /** The text exactly as parsed. */
  public String text() {
    return text;
  }

  /**
   * The range in words, e.g. {@code [7.11,7.16)} is "7.11 or later and below 7.16", {@code [7.11]}
   * is "exactly 7.11".
   */
  public String words() {
    if (lower != null && upper != null && lower.compareTo(upper) == 0) {
      return "exactly " + lower.text();
    }
    StringBuilder out = new StringBuilder(48);
    if (lower != null) {
      out.append(lowerInclusive ? lower.text() + " or later" : "later than " + lower.text());
    }
    if (upper != null) {
      if (lower != null) {
        out.append(" and ");
      }
      out.append(upperInclusive ? upper.text() + " or earlier" : "below " + upper.text());
    }
    return out.toString();
  }

  /** The kind of the bounds (and of the versions this range can contain). */
  public Versioning versioning() {
    return versioning;
  }

  /** The lower bound, or empty when the range has no lower bound. */
  public Optional<Version> lower() {
    return Optional.ofNullable(lower);
  }

  /** Whether the lower bound itself is in the range; {@code false} when there is none. */
  public boolean lowerInclusive() {
    return lowerInclusive;
  }

  /** The upper bound, or empty when the range has no upper bound. */
  public Optional<Version> upper() {
    return Optional.ofNullable(upper);
  }

  /** Whether the upper bound itself is in the range; {@code false} when there is none. */
  public boolean upperInclusive() {
    return upperInclusive;
  }

  /** Equal when of the same kind with equal bounds and the same inclusiveness. */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof VersionRange other
        && versioning == other.versioning
        && lowerInclusive == other.lowerInclusive
        && upperInclusive == other.upperInclusive
        && Objects.equals(lower, other.lower)
        && Objects.equals(upper, other.upper);
  }

  @Override
  public int hashCode() {
    return Objects.hash(versioning, lower, lowerInclusive, upper, upperInclusive);
  }

  /** Returns {@link #text()}. */
  @Override
  public String toString() {
    return text;
  }

  private static VersionRange exact(
      String text, Versioning versioning, char open, char close, String bound) {
    if (open != '[' || close != ']') {
      throw malformed(text, "a single version must be in square brackets, e.g. [7.11]");
    }
    if (bound.isEmpty()) {
      throw malformed(text, "no version between the brackets");
    }
    Version version = bound(text, "version", bound, versioning);
    return new VersionRange(text, versioning, version, true, version, true);
  }

  private static VersionRange interval(
      String text,
      Versioning versioning,
      char open,
      String lowerText,
      String upperText,
      char close) {
    if (lowerText.isEmpty() && upperText.isEmpty()) {
      throw malformed(text, "no bounds; at least one bound is required");
    }
    if (lowerText.isEmpty() && open != '(') {
      throw malformed(text, "a missing lower bound must be written with '(', e.g. (,8.0]");
    }
    if (upperText.isEmpty() && close != ')') {
      throw malformed(text, "a missing upper bound must be written with ')', e.g. [7.11,)");
    }
    Version lower = lowerText.isEmpty() ? null : bound(text, "lower bound", lowerText, versioning);
    Version upper = upperText.isEmpty() ? null : bound(text, "upper bound", upperText, versioning);
    VersionRange range =
        new VersionRange(text, versioning, lower, open == '[', upper, close == ']');
    range.checkNotEmpty();
    return range;
  }

  private static Version bound(String text, String role, String bound, Versioning versioning) {
    try {
      return versioning.parse(bound);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "version range "
              + Version.quote(text)
              + " has an invalid "
              + role
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private void checkNotEmpty() {
    if (lower != null && upper != null && lower.compareTo(upper) > 0) {
      throw new IllegalArgumentException(
          "version range "
              + Version.quote(text)
              + " has its lower bound "
              + Version.quote(lower.text())
              + " above its upper bound "
              + Version.quote(upper.text()));
    }
    if (hasEqualBoundsNotBothIncluded() || hasNoSequenceNumberInside()) {
      throw new IllegalArgumentException(
          "version range " + Version.quote(text) + " is empty: no version can be inside it");
    }
  }

  private boolean hasEqualBoundsNotBothIncluded() {
    return lower != null
        && upper != null
        && lower.compareTo(upper) == 0
        && !(lowerInclusive && upperInclusive);
  }

  /** For SEQUENCE (integers), whether no integer lies between the bounds. */
  private boolean hasNoSequenceNumberInside() {
    if (versioning != Versioning.SEQUENCE) {
      return false;
    }
    if (lower != null && !lowerInclusive && lower.sequence() == Long.MAX_VALUE) {
      return true;
    }
    if (upper != null && !upperInclusive && upper.sequence() == 0) {
      return true;
    }
    if (lower == null || upper == null) {
      return false;
    }
    long first = lowerInclusive ? lower.sequence() : lower.sequence() + 1;
    long last = upperInclusive ? upper.sequence() : upper.sequence() - 1;
    return first > last;
  }

  private static IllegalArgumentException malformed(String text, String problem) {
    return new IllegalArgumentException(
        "version range " + Version.quote(text) + " is malformed: " + problem + EXPECTED);
  }
}
