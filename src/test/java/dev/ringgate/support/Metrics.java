package dev.ringgate.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code /q/metrics} as Prometheus scrapes it (text format). */
public final class Metrics {
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private Metrics() {}

  /** The exposition text, as Prometheus gets it. */
  public static String scrape() {
    return given()
        .accept("text/plain")
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  /**
   * The value of the sample {@code name} whose labels include {@code labels}; null when there is
   * none.
   */
  public static Double value(String name, Map<String, String> labels) {
    return value(scrape(), name, labels);
  }

  public static Double value(String text, String name, Map<String, String> labels) {
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String sampleName =
          brace < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, brace);
      if (!sampleName.equals(name)) {
        continue;
      }
      String labelText = brace < 0 ? "" : line.substring(brace, line.lastIndexOf('}') + 1);
      if (matches(labelText, labels)) {
        return Double.parseDouble(line.substring(space + 1));
      }
    }
    return null;
  }

  /** {@link #value} with 0 for a sample not (yet) exported. */
  public static double valueOrZero(String name, Map<String, String> labels) {
    Double value = value(name, labels);
    return value == null ? 0 : value;
  }

  private static boolean matches(String labelText, Map<String, String> wanted) {
    Map<String, String> found = new java.util.HashMap<>();
    Matcher m = LABEL.matcher(labelText);
    while (m.find()) {
      found.put(m.group(1), m.group(2));
    }
    return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(found.get(e.getKey())));
  }
}
