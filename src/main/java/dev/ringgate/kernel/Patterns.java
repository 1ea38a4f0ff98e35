package dev.ringgate.kernel;

/** Forms of identifiers and values that clients rely on (API.md, "Details"). */
public final class Patterns {
  /** Ids of vendors, tenants, products, devices, keys, rings. */
  public static final String ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";

  public static final String ID_MESSAGE =
      "must start with a letter or digit and contain only letters, digits and . _ : -"
          + " (at most 128 characters)";

  /** A SHA-256 digest: 64 lower-case hex digits. */
  public static final String SHA256 = "^[0-9a-f]{64}$";

  private Patterns() {}

  /** Whether {@code text} is an id ({@link #ID}), checked without a regular expression. */
  public static boolean isId(String text) {
    int length = text.length();
    if (length == 0 || length > 128 || !isAlphanumeric(text.charAt(0))) {
      return false;
    }
    for (int i = 1; i < length; i++) {
      char c = text.charAt(i);
      if (!isAlphanumeric(c) && c != '.' && c != '_' && c != ':' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code text} is well-formed UTF-16: every surrogate is half of a pair. An unpaired
   * surrogate has no UTF-8 encoding, so RFC 8785 (and any UTF-8 output) cannot represent it.
   */
  public static boolean isWellFormedUnicode(CharSequence text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
