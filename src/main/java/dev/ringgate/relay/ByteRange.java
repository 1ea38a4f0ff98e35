package dev.ringgate.relay;

/**
 * One HTTP byte range ({@code Range: bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) of a file of
 * known length. Several ranges, or a header that does not parse, are ignored (the whole file is
 * sent, as RFC 9110 allows).
 */
final class ByteRange {
  /** The range lies wholly past the end of the file: 416. */
  static final long[] UNSATISFIABLE = new long[0];

  private ByteRange() {}

  /** {@code [first, last]} inclusive, null for the whole file, or {@link #UNSATISFIABLE}. */
  static long[] parse(String header, long length) {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return null;
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String first = spec.substring(0, dash).trim();
      String last = spec.substring(dash + 1).trim();
      if (first.isEmpty()) {
        long suffix = Long.parseLong(last);
        if (suffix <= 0) {
          return suffix == 0 ? UNSATISFIABLE : null;
        }
        return length == 0 ? UNSATISFIABLE : new long[] {Math.max(0, length - suffix), length - 1};
      }
      long from = Long.parseLong(first);
      long to = last.isEmpty() ? length - 1 : Math.min(Long.parseLong(last), length - 1);
      if (from < 0 || (!last.isEmpty() && Long.parseLong(last) < from)) {
        return null;
      }
      return from >= length ? UNSATISFIABLE : new long[] {from, to};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
