package dev.ringgate.health.domain;

/**
 * Numbers as a release manager reads them in a verdict's detail: a decimal point, never a locale's
 * comma, and never more digits than the figure deserves. Built by hand rather than with {@code
 * String.format}, because gates and the fleet simulator evaluate rules very often.
 */
final class Figures {
  private static final double LARGE = 1e4;

  private Figures() {}

  /** {@code 35}, {@code 2.0}, {@code 0.25}, {@code 1.3e4}, {@code 4.0e-3}. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "∞" : "-∞";
    }
    String sign = value < 0 ? "-" : "";
    double abs = Math.abs(value);
    if (abs >= LARGE || (abs < 0.01 && abs > 0)) {
      return scientific(Math.log10(abs), sign);
    }
    if (abs >= 10 || abs == 0) {
      return sign + Math.round(abs);
    }
    return sign + fixed(abs, abs >= 1 ? 1 : 2);
  }

  /** A count with thousands separated by commas: {@code 1,240}. */
  static String grouped(double value) {
    long rounded = Math.round(Math.ceil(value));
    String digits = Long.toString(Math.abs(rounded));
    StringBuilder out = new StringBuilder(rounded < 0 ? "-" : "");
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        out.append(',');
      }
      out.append(digits.charAt(i));
    }
    return out.toString();
  }

  /** A duration in hours as a person says it: {@code 40 min}, {@code 3 h}, {@code 2.5 days}. */
  static String duration(double hours) {
    if (Double.isNaN(hours) || Double.isInfinite(hours)) {
      return "an unknown time (no device runs the release)";
    }
    if (hours < 1) {
      return Math.max(1, Math.round(hours * 60)) + " min";
    }
    if (hours < 48) {
      return number(hours) + " h";
    }
    return number(hours / 24) + " days";
  }

  /** A positive number given by its natural log, so that huge evidence never overflows. */
  static String fromLog(double log) {
    double log10 = log / Math.log(10);
    return log10 < Math.log10(LARGE) ? number(Math.exp(log)) : scientific(log10, "");
  }

  private static String scientific(double log10, String sign) {
    long exponent = (long) Math.floor(log10);
    long tenths = Math.round(Math.pow(10, log10 - exponent) * 10);
    if (tenths >= 100) {
      tenths = 10;
      exponent++;
    }
    return sign + (tenths / 10) + "." + (tenths % 10) + "e" + exponent;
  }

  /** A non-negative value with exactly {@code decimals} digits after the point. */
  private static String fixed(double abs, int decimals) {
    long scale = decimals == 1 ? 10 : 100;
    long scaled = Math.round(abs * scale);
    String fraction = Long.toString(scaled % scale + scale).substring(1);
    return (scaled / scale) + "." + fraction;
  }
}
