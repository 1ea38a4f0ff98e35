package dev.ringgate.release.domain;

import java.util.Objects;

/**
 * An immutable, pre-parsed product version: either a Semantic Versioning 2.0 version or an integer
 * sequence number (see {@link Versioning}).
 *
 * <h2>SEMVER</h2>
 *
 * <ul>
 *   <li>Form {@code MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]}; missing parts are zero, so {@code
 *       7}, {@code 7.0} and {@code 7.0.0} are the same version.
 *   <li>Numeric parts are non-negative decimal integers without leading zeros (except {@code 0})
 *       and must fit in a {@code long}.
 *   <li>The pre-release is a non-empty dot-separated list of non-empty identifiers made of {@code
 *       [0-9A-Za-z-]}; all-digit identifiers must not have leading zeros.
 *   <li>Build metadata is a non-empty dot-separated list of non-empty {@code [0-9A-Za-z-]}
 *       identifiers (leading zeros allowed). It is kept in {@link #text()} but ignored by {@link
 *       #compareTo}, {@link #equals} and {@link #normalized()}.
 *   <li>Precedence follows SemVer 2.0 §11: major, minor and patch compare numerically; a
 *       pre-release version is lower than the same version without pre-release; pre-release
 *       identifiers compare left to right, numeric ones numerically, alphanumeric ones in ASCII
 *       order, numeric lower than alphanumeric, and a longer list wins when all preceding
 *       identifiers are equal. So {@code 7.16.0-rc.1 < 7.16.0}.
 * </ul>
 *
 * <h2>SEQUENCE</h2>
 *
 * <p>A non-negative decimal integer that fits in a {@code long}, without sign or leading zeros
 * (except {@code 0}); ordered numerically.
 *
 * <h2>Common rules</h2>
 *
 * <ul>
 *   <li>The text is at most {@value #MAX_LENGTH} characters and is taken as is: surrounding
 *       whitespace or a {@code v} prefix is rejected.
 *   <li>Comparing a SEMVER version with a SEQUENCE version throws {@link IllegalArgumentException};
 *       {@link #equals} simply returns {@code false} for them.
 *   <li>{@link #equals} and {@link #hashCode} are consistent with {@link #compareTo}.
 *   <li>{@link #compareTo} does no allocation (everything is parsed up front), so it is safe on hot
 *       paths.
 * </ul>
 *
 * <p>Instances are created with {@link Versioning#parse(String)} or {@link #parse(String,
 * Versioning)}.
 */
public final class Version implements Comparable<Version> {

  /** The maximum length of a version text, in characters. */
  public static final int MAX_LENGTH = 64;

  private static final String SEMVER_FORM =
      "is not a semantic version (expected MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD])";
  private static final String SEQUENCE_FORM = "is not a non-negative integer sequence number";
  private static final String[] NO_IDENTIFIERS = new String[0];
  private static final boolean[] NO_FLAGS = new boolean[0];
  private static final String LONG_MAX_DIGITS = Long.toString(Long.MAX_VALUE);

  private final Versioning versioning;
  private final String text;
  private final long major;
  private final long minor;
  private final long patch;
  private final String[] preRelease;
  private final boolean[] numericPreRelease;
  private final String build;
  private final String normalized;
  private final int hash;

  private Version(
      Versioning versioning,
      String text,
      long major,
      long minor,
      long patch,
      String[] preRelease,
      String build) {
    this.versioning = versioning;
    this.text = text;
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.preRelease = preRelease;
    this.numericPreRelease = numericFlags(preRelease);
    this.build = build;
    this.normalized = normalize();
    this.hash = computeHash();
  }

  /**
   * Parses {@code text} as a version of the given kind; same as {@code versioning.parse(text)}.
   *
   * @throws IllegalArgumentException if the text is not a valid version of that kind
   */
  public static Version parse(String text, Versioning versioning) {
    return Objects.requireNonNull(versioning, "versioning").parse(text);
  }

  static Version parseSemver(String text) {
    checkPresentAndShort(text);
    int plus = text.indexOf('+');
    String beforeBuild = plus < 0 ? text : text.substring(0, plus);
    String build = plus < 0 ? "" : text.substring(plus + 1);
    if (plus >= 0) {
      checkBuild(text, build);
    }
    int dash = beforeBuild.indexOf('-');
    String core = dash < 0 ? beforeBuild : beforeBuild.substring(0, dash);
    String[] preRelease =
        dash < 0 ? NO_IDENTIFIERS : parsePreRelease(text, beforeBuild.substring(dash + 1));
    long[] numbers = parseCore(text, core);
    return new Version(
        Versioning.SEMVER, text, numbers[0], numbers[1], numbers[2], preRelease, build);
  }

  static Version parseSequence(String text) {
    checkPresentAndShort(text);
    String problem = numberProblem(text);
    if (problem != null) {
      throw new IllegalArgumentException(quote(text) + " " + SEQUENCE_FORM + ": " + problem);
    }
    return new Version(Versioning.SEQUENCE, text, Long.parseLong(text), 0, 0, NO_IDENTIFIERS, "");
  }

  /** The kind of this version. */
  public Versioning versioning() {
    return versioning;
  }

  /** The text exactly as parsed, including any build metadata. */
  public String text() {
    return text;
  }

  /**
   * The canonical form: for SEMVER {@code MAJOR.MINOR.PATCH[-PRERELEASE]} with missing parts filled
   * in and build metadata dropped (e.g. {@code 7.11.0-rc.1}); for SEQUENCE the number. Equal
   * versions have equal normalized forms.
   */
  public String normalized() {
    return normalized;
  }

  /** The major part of a SEMVER version. */
  public long major() {
    requireSemver("major");
    return major;
  }

  /** The minor part of a SEMVER version (zero when not written). */
  public long minor() {
    requireSemver("minor");
    return minor;
  }

  /** The patch part of a SEMVER version (zero when not written). */
  public long patch() {
    requireSemver("patch");
    return patch;
  }

  /** The pre-release of a SEMVER version without the leading {@code -}, or {@code ""}. */
  public String preRelease() {
    requireSemver("preRelease");
    return String.join(".", preRelease);
  }

  /** The build metadata of a SEMVER version without the leading {@code +}, or {@code ""}. */
  public String buildMetadata() {
    requireSemver("buildMetadata");
    return build;
  }

  /** Whether this is a SEMVER pre-release version; always {@code false} for SEQUENCE. */
  public boolean isPreRelease() {
    return preRelease.length > 0;
  }

  /** The number of a SEQUENCE version. */
  public long sequence() {
    if (versioning != Versioning.SEQUENCE) {
      throw new IllegalStateException("sequence() is only defined for SEQUENCE versions");
    }
    return major;
  }

  /**
   * Compares by precedence (see the class documentation); allocation-free.
   *
   * @throws IllegalArgumentException if the versions are of different kinds
   */
  @Override
  public int compareTo(Version other) {
    if (versioning != other.versioning) {
      throw mixedKinds(other);
    }
    int result = Long.compare(major, other.major);
    if (result != 0) {
      return result;
    }
    result = Long.compare(minor, other.minor);
    if (result != 0) {
      return result;
    }
    result = Long.compare(patch, other.patch);
    if (result != 0) {
      return result;
    }
    return comparePreRelease(other);
  }

  /** Equal when of the same kind and of equal precedence (build metadata is ignored). */
  @Override
  public boolean equals(Object obj) {
    if (this == obj) {
      return true;
    }
    return obj instanceof Version other
        && versioning == other.versioning
        && hash == other.hash
        && compareTo(other) == 0;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Returns {@link #text()}. */
  @Override
  public String toString() {
    return text;
  }

  private int comparePreRelease(Version other) {
    int mine = preRelease.length;
    int theirs = other.preRelease.length;
    if (mine == 0 || theirs == 0) {
      // A release (no identifiers) is higher than any of its pre-releases.
      return Integer.compare(theirs, mine);
    }
    int shared = Math.min(mine, theirs);
    for (int i = 0; i < shared; i++) {
      int result = compareIdentifier(i, other);
      if (result != 0) {
        return result;
      }
    }
    return Integer.compare(mine, theirs);
  }

  private int compareIdentifier(int i, Version other) {
    boolean mineNumeric = numericPreRelease[i];
    boolean theirsNumeric = other.numericPreRelease[i];
    String mine = preRelease[i];
    String theirs = other.preRelease[i];
    if (mineNumeric && theirsNumeric) {
      // No leading zeros, so a longer digit string is a larger number; any size is exact.
      int byLength = Integer.compare(mine.length(), theirs.length());
      return byLength != 0 ? byLength : mine.compareTo(theirs);
    }
    if (mineNumeric != theirsNumeric) {
      return mineNumeric ? -1 : 1;
    }
    return mine.compareTo(theirs);
  }

  private IllegalArgumentException mixedKinds(Version other) {
    return new IllegalArgumentException(
        "cannot compare "
            + versioning
            + " version "
            + quote(text)
            + " with "
            + other.versioning
            + " version "
            + quote(other.text));
  }

  private void requireSemver(String accessor) {
    if (versioning != Versioning.SEMVER) {
      throw new IllegalStateException(accessor + "() is only defined for SEMVER versions");
    }
  }

  private String normalize() {
    if (versioning == Versioning.SEQUENCE) {
      return Long.toString(major);
    }
    String core = major + "." + minor + "." + patch;
    return preRelease.length == 0 ? core : core + "-" + String.join(".", preRelease);
  }

  private int computeHash() {
    int result = versioning.ordinal();
    result = 31 * result + Long.hashCode(major);
    result = 31 * result + Long.hashCode(minor);
    result = 31 * result + Long.hashCode(patch);
    for (String identifier : preRelease) {
      result = 31 * result + identifier.hashCode();
    }
    return result;
  }

  private static boolean[] numericFlags(String[] identifiers) {
    if (identifiers.length == 0) {
      return NO_FLAGS;
    }
    boolean[] flags = new boolean[identifiers.length];
    for (int i = 0; i < identifiers.length; i++) {
      flags[i] = allDigits(identifiers[i]);
    }
    return flags;
  }

  // ---- parsing helpers ----------------------------------------------------------------------

  private static void checkPresentAndShort(String text) {
    if (text == null) {
      throw new IllegalArgumentException("version is missing");
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("version is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          quote(text) + " is longer than " + MAX_LENGTH + " characters");
    }
  }

  private static long[] parseCore(String text, String core) {
    String[] parts = core.split("\\.", -1);
    if (parts.length > 3) {
      throw notSemver(text, "more than three numeric parts");
    }
    long[] numbers = new long[3];
    for (int i = 0; i < parts.length; i++) {
      String problem = numberProblem(parts[i]);
      if (problem != null) {
        throw notSemver(text, problem);
      }
      numbers[i] = Long.parseLong(parts[i]);
    }
    return numbers;
  }

  private static String[] parsePreRelease(String text, String preRelease) {
    if (preRelease.isEmpty()) {
      throw notSemver(text, "empty pre-release after '-'");
    }
    String[] identifiers = preRelease.split("\\.", -1);
    for (String identifier : identifiers) {
      checkIdentifier(text, identifier, "pre-release");
      if (allDigits(identifier) && identifier.length() > 1 && identifier.charAt(0) == '0') {
        throw notSemver(
            text, "numeric pre-release identifier " + quote(identifier) + " has a leading zero");
      }
    }
    return identifiers;
  }

  private static void checkBuild(String text, String build) {
    if (build.isEmpty()) {
      throw notSemver(text, "empty build metadata after '+'");
    }
    for (String identifier : build.split("\\.", -1)) {
      checkIdentifier(text, identifier, "build");
    }
  }

  private static void checkIdentifier(String text, String identifier, String where) {
    if (identifier.isEmpty()) {
      throw notSemver(text, "empty " + where + " identifier");
    }
    for (int i = 0; i < identifier.length(); i++) {
      if (!isIdentifierChar(identifier.charAt(i))) {
        throw notSemver(
            text, where + " identifier " + quote(identifier) + " may only use [0-9A-Za-z-]");
      }
    }
  }

  /** Why {@code digits} is not a plain non-negative long, or {@code null} if it is one. */
  private static String numberProblem(String digits) {
    if (digits.isEmpty()) {
      return "empty number";
    }
    if (!allDigits(digits)) {
      return quote(digits) + " is not a non-negative integer";
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      return quote(digits) + " has a leading zero";
    }
    if (!fitsInLong(digits)) {
      return quote(digits) + " is too large";
    }
    return null;
  }

  private static boolean fitsInLong(String digits) {
    int maxLength = LONG_MAX_DIGITS.length();
    return digits.length() < maxLength
        || (digits.length() == maxLength && digits.compareTo(LONG_MAX_DIGITS) <= 0);
  }

  private static boolean allDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierChar(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }

  private static IllegalArgumentException notSemver(String text, String problem) {
    return new IllegalArgumentException(quote(text) + " " + SEMVER_FORM + ": " + problem);
  }

  /**
   * Quotes user text for an error message: at most {@value #MAX_LENGTH} characters, with
   * non-printable and non-ASCII characters shown as {@code ?} so messages are safe to log.
   */
  static String quote(String text) {
    int shown = Math.min(text.length(), MAX_LENGTH);
    StringBuilder quoted = new StringBuilder(shown + 5).append('\'');
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      quoted.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (text.length() > shown) {
      quoted.append("...");
    }
    return quoted.append('\'').toString();
  }
}
