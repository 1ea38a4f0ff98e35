package dev.ringgate.console;

import dev.ringgate.rollout.api.RolloutView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes numbers, shares, times and durations: short, UTC, in one place. */
public final class Fmt {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Fmt() {}

  /** A share in basis points as a percentage: 100 → "1%", 25 → "0.25%". */
  public static String percent(double bp) {
    double value = bp / 100.0;
    return (value == Math.rint(value)
            ? String.valueOf((long) value)
            : String.format(Locale.ROOT, "%.2f", value))
        + "%";
  }

  /** A rate {@code part / whole} as a percentage with one decimal, or "–" without a whole. */
  public static String rate(long part, long whole) {
    return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  public static String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  public static String clock(Instant at) {
    return at == null ? "" : CLOCK.format(at);
  }

  /** A duration in the largest units that matter: "2 d 3 h", "3 h 12 min", "12 min", "40 s". */
  public static String duration(Duration d) {
    long seconds = Math.max(0, d.getSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return hours + " h " + minutes % 60 + " min";
    }
    return hours / 24 + " d " + hours % 24 + " h";
  }

  /** Words in lower case with the first capitalised: IN_PROGRESS → "In progress". */
  public static String words(String constant) {
    if (constant == null || constant.isEmpty()) {
      return "";
    }
    String lower = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /**
   * A rate ratio with its interval, {@code ≈ 2.1 (0.9–4.8)}; a bound the data leave open (0.001 or
   * 1000, the ends of the gate's search) shows as 0 or ∞. A dash without an estimate.
   */
  public static String ratio(RolloutView.RatioEstimate estimate) {
    if (estimate == null) {
      return "–";
    }
    String low = estimate.low() <= 1e-3 * 1.0001 ? "0" : twoDigits(estimate.low());
    String high = estimate.high() >= 1e3 * 0.9999 ? "∞" : twoDigits(estimate.high());
    String at =
        estimate.estimate() >= 1e3 * 0.9999
            ? "> 1000"
            : estimate.estimate() <= 1e-3 * 1.0001
                ? "< 0.001"
                : "≈ " + twoDigits(estimate.estimate());
    return at + " (" + low + "–" + high + ")";
  }

  /** Two significant digits, never in exponent notation: 0.0042, 0.45, 2.1, 48, 310. */
  static String twoDigits(double value) {
    if (value >= 10) {
      return Long.toString(Math.round(value));
    }
    return new java.math.BigDecimal(value)
        .round(new java.math.MathContext(2))
        .stripTrailingZeros()
        .toPlainString();
  }
}
