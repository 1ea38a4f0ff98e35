package dev.ringgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's tour, run as a user runs it: the block marked {@value #MARK} is taken from README.md and
 * run with bash in an empty directory whose {@code target/quarkus-app} is the packaged application.
 * The block starts its own server, download server and agents, and must reach the automatic
 * rollback and stop all of them; whatever it leaves running is stopped here.
 */
class ReadmeTourIT {
  static final String MARK = "<!-- tour: ReadmeTourIT runs this block -->";

  /** Far above the minute or two the tour takes, for a loaded machine; a hang fails here. */
  private static final Duration LIMIT = Duration.ofMinutes(6);

  @TempDir Path dir;

  private final List<ProcessHandle> started = new ArrayList<>();
  private Process bash;

  @Test
  void the_tour_reaches_the_automatic_rollback_and_stops_what_it_started() throws Exception {
    // Given the block, and the packaged application where the tour expects it
    for (String tool : List.of("bash", "python3", "curl")) {
      assumeThat(onPath(tool))
          .as("%s is needed to run README's tour; skipped without it", tool)
          .isTrue();
    }
    String block = block(Files.readString(Path.of("README.md")));
    Files.writeString(dir.resolve("tour.sh"), block);
    Path app = Path.of(System.getProperty("ringgate.it.jar")).toAbsolutePath().getParent();
    Files.createDirectories(dir.resolve("target"));
    Files.createSymbolicLink(dir.resolve("target/quarkus-app"), app);
    Path output = Path.of("target", "it-readme-tour.log").toAbsolutePath();

    // When it runs as pasted
    ProcessBuilder builder =
        new ProcessBuilder("bash", "tour.sh")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("RINGGATE_") || k.startsWith("QUARKUS_"));
    env.put(
        "PATH",
        Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + env.get("PATH"));
    long begin = System.nanoTime();
    bash = builder.start();
    boolean ended = waitNotingChildren(bash, LIMIT);
    long seconds = (System.nanoTime() - begin) / 1_000_000_000L;
    String text = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println("README tour: " + seconds + " s; output in " + output);

    // Then it ended by itself, completed the baseline and saw the gate roll the release back
    assertThat(ended).as("the tour ended within %s; its output:%n%s", LIMIT, text).isTrue();
    assertThat(text)
        .as("the tour's output")
        .doesNotContain("gave up waiting for")
        .containsPattern("rollout rol_\\w+ COMPLETED")
        .contains("sensor 1.1.0, ROLLED_BACK")
        .contains("ROLLED_BACK by health-gate")
        .contains("rollout watch exited with 3")
        .contains("rolled back to 1.0.0");
    assertThat(bash.exitValue()).as("exit code of the tour; output:%n%s", text).isZero();

    // Then everything it started in the background has been stopped by its last line
    List<Long> pids =
        Files.readAllLines(dir.resolve("tour/pids")).stream()
            .filter(l -> !l.isBlank())
            .map(l -> Long.parseLong(l.trim()))
            .toList();
    assertThat(pids).as("server, download server and three agents").hasSize(5);
    for (long pid : pids) {
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      process.ifPresent(started::add);
      assertThat(process.map(p -> waitGone(p, Duration.ofSeconds(20))).orElse(true))
          .as("process %d of tour/pids stopped", pid)
          .isTrue();
    }
  }

  /** The fenced block after the mark. */
  static String block(String readme) {
    int mark = readme.indexOf(MARK);
    assertThat(mark).as("README.md has the mark %s", MARK).isNotNegative();
    int open = readme.indexOf("```sh\n", mark);
    int close = readme.indexOf("\n```\n", open);
    assertThat(open).as("a ```sh block follows the mark").isNotNegative();
    assertThat(readme.substring(mark + MARK.length(), open)).isBlank();
    return readme.substring(open + "```sh\n".length(), close + 1);
  }

  /**
   * Waits for bash, noting the processes it starts as it goes (once bash has ended, what it left in
   * the background is no longer its descendant).
   */
  private boolean waitNotingChildren(Process process, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      process.descendants().filter(p -> !started.contains(p)).forEach(started::add);
      if (process.waitFor(500, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  @AfterEach
  void stopEverything() {
    if (bash != null) {
      bash.descendants().forEach(started::add);
      bash.destroyForcibly();
    }
    started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
    started.stream()
        .filter(p -> !waitGone(p, Duration.ofSeconds(10)))
        .forEach(ProcessHandle::destroyForcibly);
  }

  private static boolean waitGone(ProcessHandle process, Duration limit) {
    try {
      process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return !process.isAlive();
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(entry, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Guards the extraction itself, so that a README edit that breaks it fails loudly. */
  @Test
  void the_block_is_the_fenced_code_after_the_mark() throws IOException {
    // Given
    String readme = "# x\n\n" + MARK + "\n```sh\necho one\necho two\n```\n\nmore\n```sh\nno\n```\n";

    // When
    String block = block(readme);

    // Then
    assertThat(block).isEqualTo("echo one\necho two\n");
    assertThat(block(Files.readString(Path.of("README.md"))))
        .contains("ringgate rollout watch")
        .contains("kill $(cat tour/pids)");
  }
}
