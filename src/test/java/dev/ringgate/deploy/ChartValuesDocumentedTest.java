package dev.ringgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The values table of each chart's README.md lists exactly the values of its values.yaml. */
class ChartValuesDocumentedTest {

  @ParameterizedTest
  @ValueSource(strings = {"ringgate", "ringgate-relay"})
  void everyValueOfTheChartIsInTheReadmeTableAndNothingElse(String name) throws IOException {
    // Given
    Path chart = Path.of("helm", name);
    JsonNode values = Helm.readYaml(Files.readString(chart.resolve("values.yaml")));
    String readme = Files.readString(chart.resolve("README.md"));
    String table = readme.substring(readme.indexOf("## Values"));

    // When
    Set<String> inValues = new TreeSet<>();
    collectLeaves("", values, inValues);
    Set<String> inTable = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z0-9.]+)` \\|").matcher(table);
    while (row.find()) {
      inTable.add(row.group(1));
    }

    // Then
    assertThat(difference(inValues, inTable)).as("values missing from the README table").isEmpty();
    assertThat(difference(inTable, inValues))
        .as("README rows of values that do not exist")
        .isEmpty();
    assertThat(inTable).hasSizeGreaterThan(30);
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> rest = new TreeSet<>(a);
    rest.removeAll(b);
    return rest;
  }

  /** A value is a scalar, a list or an empty map; a map with keys holds further values. */
  private static void collectLeaves(String prefix, JsonNode node, Set<String> leaves) {
    if (node.isObject() && node.size() > 0) {
      for (var field : node.properties()) {
        String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
        collectLeaves(path, field.getValue(), leaves);
      }
    } else {
      leaves.add(prefix);
    }
  }
}
