package dev.ringgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code helm template} on the charts in {@code helm/} ({@code ringgate}, the service, and
 * {@code ringgate-relay}, the edge relay): the helm that {@code .ci/get-helm} installs into {@code
 * .tools/}, else one on the PATH.
 */
final class Helm {
  static final Path CHART = Path.of("helm", "ringgate");
  static final Path RELAY_CHART = Path.of("helm", "ringgate-relay");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String executable;

  private Helm(String executable) {
    this.executable = executable;
  }

  /** The helm to use, or empty when none is installed. */
  static Optional<Helm> find() {
    Path local = Path.of(".tools", "helm");
    if (Files.isExecutable(local)) {
      return Optional.of(new Helm(local.toAbsolutePath().toString()));
    }
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .map(dir -> Path.of(dir, "helm"))
        .filter(Files::isExecutable)
        .findFirst()
        .map(path -> new Helm(path.toString()));
  }

  /** {@code helm template ringgate helm/ringgate} with these further arguments. */
  Rendered template(String... args) {
    return template(CHART, args);
  }

  /** {@code helm template ringgate <chart>} with these further arguments. */
  Rendered template(Path chart, String... args) {
    List<String> command = new ArrayList<>(List.of(executable, "template", "ringgate"));
    command.add(chart.toString());
    command.addAll(List.of("--namespace", "fleet"));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("helm-out", ".yaml");
      Path err = Files.createTempFile("helm-err", ".txt");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("helm template did not end within 60 s");
        }
        return new Rendered(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code -f helm/ringgate/ci/<name>-values.yaml}. */
  static String[] values(String name) {
    return values(CHART, name);
  }

  /** {@code -f <chart>/ci/<name>-values.yaml}. */
  static String[] values(Path chart, String name) {
    return new String[] {"-f", chart.resolve("ci").resolve(name + "-values.yaml").toString()};
  }

  static JsonNode readYaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What helm printed, and its exit status. */
  record Rendered(int exitCode, String stdout, String stderr) {
    /** The rendered manifests, one per document. */
    List<JsonNode> manifests() {
      if (exitCode != 0) {
        throw new AssertionError("helm template failed (" + exitCode + "): " + stderr);
      }
      try {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(stdout)) {
          while (it.hasNext()) {
            JsonNode doc = it.next();
            if (doc != null && doc.has("kind")) {
              docs.add(doc);
            }
          }
        }
        return docs;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    List<JsonNode> ofKind(String kind) {
      return manifests().stream().filter(doc -> kind.equals(doc.path("kind").asText())).toList();
    }

    JsonNode one(String kind) {
      List<JsonNode> found = ofKind(kind);
      if (found.size() != 1) {
        throw new AssertionError("expected one " + kind + ", found " + found.size());
      }
      return found.get(0);
    }

    /** The Ringgate container of the Deployment. */
    JsonNode container() {
      return one("Deployment").at("/spec/template/spec/containers/0");
    }
  }
}
