package dev.ringgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.release.SignedReleases;
import dev.ringgate.release.domain.Artifact;
import dev.ringgate.release.domain.Ed25519;
import dev.ringgate.release.domain.SignedRelease;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line without a server: help, usage errors, keys and signatures. */
class CliTest {
  @TempDir Path dir;

  @Test
  void every_command_answers_help_without_starting_anything() {
    // Given every command of the tree, found by walking picocli's model
    List<List<String>> paths = new ArrayList<>();
    collect(Cli.commandLine(nullStream(), nullStream(), a -> {}), new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(30);
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");

      // When
      CliRun run = CliRun.of(args.toArray(String[]::new));

      // Then
      assertThat(run.code()).as("exit code of %s", args).isZero();
      assertThat(run.out()).as("help of %s", args).contains("Usage:");
      if (!path.isEmpty()) {
        assertThat(run.out()).as("help of %s", args).contains(path.get(path.size() - 1));
      }
      assertThat(run.serverStarts()).as("server starts for %s", args).isEmpty();
    }
  }

  @Test
  void no_command_serves() {
    // When
    CliRun run = CliRun.of();

    // Then
    assertThat(run.code()).isZero();
    assertThat(run.serverStarts()).hasSize(1);
  }

  @Test
  void serve_and_demo_start_the_server_on_an_absolute_data_directory() {
    // Given a data directory relative to the working directory without "./", which H2 refuses
    String before = System.getProperty(DataDirectory.PROPERTY);
    try {
      for (String command : new String[] {"serve", "demo"}) {
        System.setProperty(DataDirectory.PROPERTY, "tour/data");
        List<String> seen = new ArrayList<>();

        // When
        int code =
            Cli.run(
                new String[] {command},
                nullStream(),
                nullStream(),
                a -> seen.add(System.getProperty(DataDirectory.PROPERTY)));

        // Then
        assertThat(code).isZero();
        assertThat(seen)
            .as("data directory of %s", command)
            .containsExactly(Path.of("tour/data").toAbsolutePath().normalize().toString());
      }
    } finally {
      System.clearProperty("ringgate.demo.enabled");
      if (before == null) {
        System.clearProperty(DataDirectory.PROPERTY);
      } else {
        System.setProperty(DataDirectory.PROPERTY, before);
      }
    }
  }

  @Test
  void a_data_directory_is_resolved_against_the_working_directory_and_none_stays_the_default() {
    assertThat(DataDirectory.absolute("tour/data"))
        .isEqualTo(Path.of("").toAbsolutePath().resolve("tour/data").toString());
    assertThat(DataDirectory.absolute("./data/../data"))
        .isEqualTo(Path.of("").toAbsolutePath().resolve("data").toString());
    assertThat(DataDirectory.absolute("/var/lib/ringgate")).isEqualTo("/var/lib/ringgate");
    assertThat(DataDirectory.absolute(null)).isNull();
    assertThat(DataDirectory.absolute(" ")).isNull();
  }

  @Test
  void an_unknown_command_exits_2_with_usage_and_starts_nothing() {
    // When
    CliRun run = CliRun.of("publsh", "--product", "x");

    // Then
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("publsh").contains("Usage:");
    assertThat(run.serverStarts()).isEmpty();
  }

  @Test
  void an_unknown_option_exits_2_with_usage_and_starts_nothing() {
    for (String[] args :
        new String[][] {{"--hepl"}, {"serve", "--port", "9"}, {"rollout", "show", "r", "--jsn"}}) {
      // When
      CliRun run = CliRun.of(args);

      // Then
      assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err()).as(String.join(" ", args)).contains("Usage:");
      assertThat(run.serverStarts()).isEmpty();
    }
  }

  @Test
  void a_missing_required_option_exits_2_naming_it() {
    // When
    CliRun run = CliRun.of("approvals", "reject", "--tenant", "t", "a-1");

    // Then
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--reason");
  }

  @Test
  void the_jar_with_a_mistyped_command_exits_2_and_creates_no_data_directory() throws Exception {
    // Given the entry point in a fresh JVM whose working directory is empty
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.ringgate.RinggateMain",
                "sevre")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();

    // When
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    // Then
    assertThat(ended).isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("sevre").contains("Usage: ringgate");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void simulate_keeps_its_own_options_and_help() {
    // When
    CliRun help = CliRun.of("simulate", "--help");
    CliRun wrong = CliRun.of("simulate", "--devise", "10");

    // Then
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--scenarios a,b").contains("--compare");
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("unknown option: --devise");
  }

  @Test
  void keygen_writes_a_private_key_only_its_owner_reads_and_a_key_pair_that_verifies()
      throws Exception {
    // Given
    Path key = dir.resolve("ci.pem");

    // When
    CliRun run = CliRun.of("keygen", "--out", key.toString());

    // Then
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    String publicKey = Files.readString(dir.resolve("ci.pem.pub")).strip();
    assertThat(run.out().strip()).isEqualTo(publicKey);
    byte[] raw = Base64.getDecoder().decode(publicKey);
    assertThat(raw).hasSize(32);
    byte[] message = "a message".getBytes(StandardCharsets.UTF_8);
    String signature = Keys.sign(Keys.readPrivate(key), message);
    assertThat(Ed25519.verify(raw, message, Base64.getDecoder().decode(signature))).isTrue();
  }

  @Test
  void keygen_never_overwrites_a_key() throws Exception {
    // Given
    Path key = dir.resolve("ci.pem");
    Files.writeString(key, "precious");

    // When
    CliRun run = CliRun.of("keygen", "--out", key.toString());

    // Then
    assertThat(run.code()).isEqualTo(2);
    assertThat(Files.readString(key)).isEqualTo("precious");
  }

  @Test
  void release_sign_signs_the_canonical_bytes_with_the_artifact_hash_and_size() throws Exception {
    // Given
    Path key = dir.resolve("ci.pem");
    CliRun keygen = CliRun.of("keygen", "--out", key.toString());
    Path artifact = dir.resolve("agent.msi");
    Files.write(artifact, new byte[] {1, 2, 3, 4, 5});

    // When
    CliRun run =
        CliRun.of(
            "release",
            "sign",
            "--product",
            "agent",
            "--version",
            "7.11.2",
            "--platform",
            "windows-x64,linux-x64",
            "--requires",
            "[7.10,)",
            "--artifact",
            artifact.toString(),
            "--url",
            "https://cdn.example.com/agent.msi",
            "--signing-key",
            key.toString());

    // Then
    assertThat(run.code()).as(run.err()).isZero();
    String sha256 =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(artifact)));
    byte[] canonical =
        SignedReleases.canonicalBytes(
            new SignedRelease(
                "agent",
                "7.11.2",
                List.of("windows-x64", "linux-x64"),
                "[7.10,)",
                new Artifact("https://cdn.example.com/agent.msi", sha256, 5)));
    assertThat(
            Ed25519.verify(
                Base64.getDecoder().decode(keygen.out().strip()),
                canonical,
                Base64.getDecoder().decode(run.out().strip())))
        .isTrue();
  }

  @Test
  void a_server_that_is_not_running_is_named_with_its_url() {
    // When
    CliRun run = CliRun.of("rollout", "show", "r-1", "--server", "http://127.0.0.1:1");

    // Then
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("cannot connect to the server at http://127.0.0.1:1");
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
    into.add(path);
    for (var sub : command.getSubcommands().entrySet()) {
      List<String> next = new ArrayList<>(path);
      next.add(sub.getKey());
      collect(sub.getValue(), next, into);
    }
  }

  private static PrintStream nullStream() {
    return new PrintStream(OutputStream.nullOutputStream());
  }
}
