package dev.ringgate.agent;

import dev.ringgate.release.domain.Ed25519;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code agent}: the reference endpoint agent, run as a service or once (cron, tests). */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    subcommands = AgentCommand.ReportCrash.class,
    description = {
      "Runs the reference endpoint agent for one product: checks in, verifies the vendor's"
          + " signature and the artifact's SHA-256 and size before installing, reports telemetry"
          + " through a disk spool, and reverts a version that boot-loops, with no server needed.",
      "State (device id, versions, spool) is kept in --state-dir."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:done (--once: checked in and reports sent)",
      "1:--once: the check-in or the reports failed",
      "2:bad usage or configuration",
      "3:the server refused the key"
    })
public final class AgentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--server",
      defaultValue = "${env:RINGGATE_URL}",
      description = "Ringgate's base URL (env RINGGATE_URL).")
  String server;

  @Option(
      names = "--key",
      defaultValue = "${env:RINGGATE_KEY}",
      description = "A DEVICE key of the tenant (env RINGGATE_KEY).")
  String key;

  @Option(names = "--product", description = "The product id (required).")
  String product;

  @Option(names = "--platform", description = "As releases list it: windows-x64 (required).")
  String platform;

  @Option(names = "--agent-version", description = "This agent's version (SemVer).")
  String agentVersion;

  @Option(names = "--groups", split = ",", description = "Device groups, comma-separated.")
  List<String> groups = new ArrayList<>();

  @Option(
      names = "--state-dir",
      defaultValue = "./ringgate-agent",
      description = "Where the agent keeps its state (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--id-prefix",
      description = "Put before the random install id of a new device (e.g. the tenant id).")
  String idPrefix;

  @Option(
      names = "--vendor-key",
      paramLabel = "KEYID=BASE64",
      description = "A vendor public key to trust (raw 32 bytes, standard base64); repeatable.")
  Map<String, String> vendorKey = new LinkedHashMap<>();

  @Option(
      names = "--vendor-keys",
      paramLabel = "FILE",
      description = "A properties file of KEYID=BASE64 lines to trust.")
  Path vendorKeys;

  @Option(names = "--once", description = "One check-in cycle, then exit (cron, tests).")
  boolean once;

  @Option(
      names = "--install-command",
      paramLabel = "COMMAND",
      description =
          "Run with the artifact's path and the version after verification; non-zero exit ="
              + " INSTALL_FAILED. Split on spaces.")
  String installCommand;

  @Option(
      names = "--max-boots",
      defaultValue = "3",
      description = "Boots or crashes of a new version that make a boot loop (${DEFAULT-VALUE}).")
  int maxBoots;

  @Option(
      names = "--boot-window",
      defaultValue = "PT10M",
      description = "Within how long (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration bootWindow;

  @Option(
      names = "--healthy-after",
      defaultValue = "PT5M",
      description = "Running this long makes a version healthy (default ${DEFAULT-VALUE}).")
  Duration healthyAfter;

  @Option(
      names = "--heartbeat-every",
      defaultValue = "PT1H",
      description = "HEARTBEAT interval once healthy (default ${DEFAULT-VALUE}).")
  Duration heartbeatEvery;

  /** Runs {@code agent args...}; returns the exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    return new CommandLine(new AgentCommand()).registerConverter(Duration.class, Duration::parse);
  }

  @Override
  public Integer call() {
    for (String[] required : new String[][] {{"--product", product}, {"--platform", platform}}) {
      if (required[1] == null || required[1].isBlank()) {
        throw new ParameterException(spec.commandLine(), "Missing " + required[0]);
      }
    }
    if (server == null || server.isBlank()) {
      throw new ParameterException(spec.commandLine(), "Missing --server (or RINGGATE_URL)");
    }
    if (key == null || key.isBlank()) {
      throw new ParameterException(spec.commandLine(), "Missing --key (or RINGGATE_KEY)");
    }
    Map<String, byte[]> keys = trustedKeys();
    if (keys.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "No vendor key: give --vendor-key KEYID=BASE64 or --vendor-keys FILE; the agent installs"
              + " nothing it cannot verify");
    }
    Agent.Settings settings =
        new Agent.Settings(
            URI.create(server),
            key,
            product,
            platform,
            agentVersion,
            groups,
            stateDir,
            idPrefix,
            keys,
            installCommand == null ? List.of() : List.of(installCommand.trim().split("\\s+")),
            watchdogSettings(),
            heartbeatEvery);
    PrintWriter out = spec.commandLine().getOut();
    Agent agent =
        new Agent(
            settings,
            Clock.systemUTC(),
            d -> Thread.sleep(d.toMillis()),
            line -> {
              out.println(Instant.now() + " " + line);
              out.flush();
            });
    return agent.run(once);
  }

  private BootWatchdog.Settings watchdogSettings() {
    try {
      return new BootWatchdog.Settings(maxBoots, bootWindow, healthyAfter);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Map<String, byte[]> trustedKeys() {
    Map<String, String> all = new LinkedHashMap<>();
    if (vendorKeys != null) {
      Properties file = new Properties();
      try (Reader reader = Files.newBufferedReader(vendorKeys)) {
        file.load(reader);
      } catch (IOException e) {
        throw new ParameterException(
            spec.commandLine(), "--vendor-keys " + vendorKeys + ": " + e.getMessage());
      }
      file.stringPropertyNames().forEach(k -> all.put(k, file.getProperty(k).trim()));
    }
    all.putAll(vendorKey);
    Map<String, byte[]> keys = new LinkedHashMap<>();
    all.forEach(
        (id, base64) -> {
          try {
            byte[] raw = Base64.getDecoder().decode(base64);
            Ed25519.publicKey(raw);
            keys.put(id, raw);
          } catch (IllegalArgumentException e) {
            throw new ParameterException(
                spec.commandLine(), "vendor key '" + id + "' " + e.getMessage());
          }
        });
    return keys;
  }

  /** {@code agent report-crash}: the product or host reports a crash of the current version. */
  @Command(
      name = "report-crash",
      mixinStandardHelpOptions = true,
      description = {
        "Records a crash of the version running now and spools a CRASH report (sent by the agent's"
            + " next cycle). Counts for the boot-loop watchdog, which may revert at once."
      })
  static final class ReportCrash implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--product", required = true, description = "The product id.")
    String product;

    @Option(
        names = "--state-dir",
        defaultValue = "./ringgate-agent",
        description = "The agent's state directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--at", description = "When it crashed (RFC 3339; default: now).")
    String at;

    @Option(names = "--max-boots", defaultValue = "3", description = "As for agent.")
    int maxBoots;

    @Option(names = "--boot-window", defaultValue = "PT10M", description = "As for agent.")
    Duration bootWindow;

    @Option(names = "--healthy-after", defaultValue = "PT5M", description = "As for agent.")
    Duration healthyAfter;

    @Override
    public Integer call() {
      Instant when;
      try {
        when = at == null ? Instant.now() : Instant.parse(at);
      } catch (DateTimeParseException e) {
        throw new ParameterException(spec.commandLine(), "--at: not an RFC 3339 time: " + at);
      }
      InstalledVersions versions = new InstalledVersions(stateDir);
      String crashed = versions.current();
      BootWatchdog.Outcome outcome =
          Agent.reportCrash(
              stateDir,
              product,
              when,
              new BootWatchdog.Settings(maxBoots, bootWindow, healthyAfter));
      spec.commandLine().getOut().println(said(outcome, crashed, versions.current()));
      return 0;
    }

    /** What the watchdog made of the crash, in words. */
    static String said(BootWatchdog.Outcome outcome, String crashed, String now) {
      String recorded =
          "crash of " + (crashed == null ? "nothing installed" : crashed) + " recorded";
      return switch (outcome) {
        case RUNNING -> recorded + "; CRASH is sent with the agent's next check-in";
        case REVERTED ->
            recorded
                + ": a boot loop; reverted to "
                + now
                + " (BOOT_LOOP and ROLLED_BACK are sent with the agent's next check-in)";
        case LOOPING -> recorded + ": a boot loop, and no previous version to go back to";
      };
    }
  }
}
