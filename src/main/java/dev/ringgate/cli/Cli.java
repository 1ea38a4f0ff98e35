package dev.ringgate.cli;

import dev.ringgate.agent.AgentCommand;
import dev.ringgate.kernel.ApiProblemException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one command line of the jar: {@code serve} (the default), {@code demo} {@code simulate} and
 * {@code agent} (the reference endpoint agent), and the client commands of vendors, fleet admins
 * and operators, which talk to a running server. Parsing happens before Quarkus starts: help, a
 * usage error and every client command start no server and create no data directory. Exit codes: 0
 * done, 1 failed (the server's problem is printed), 2 usage error, 3 a watched rollout halted or
 * rolled back.
 */
@Command(
    name = "ringgate",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Ringgate, the staged-rollout update gatekeeper. Without a command: serve.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      RelayCommand.class,
      SimulateWrapper.class,
      AgentCommand.class,
      KeygenCommand.class,
      SigningKeyCommand.class,
      ProductCommand.class,
      RingPlanCommand.class,
      ReleaseCommand.class,
      RolloutCommand.class,
      PolicyCommand.class,
      ApprovalsCommand.class,
      StopCommands.Stop.class,
      StopCommands.Unstop.class,
      FleetCommand.class,
      VendorCommand.class,
      TenantCommand.class,
      KeyCommand.class,
      AuditCommand.class
    })
public final class Cli implements Callable<Integer> {
  /** Exit code of a rollout watched until it halted or rolled back. */
  public static final int HALTED = 3;

  private final PrintStream out;
  private final PrintStream err;
  private final Consumer<String[]> server;

  private Cli(PrintStream out, PrintStream err, Consumer<String[]> server) {
    this.out = out;
    this.err = err;
    this.server = server;
  }

  /**
   * Runs {@code args}; returns the exit code. {@code server} starts the service with its arguments
   * (Quarkus.run in the jar) and is called only by {@code serve} and {@code demo}.
   */
  public static int run(
      String[] args, PrintStream out, PrintStream err, Consumer<String[]> server) {
    return commandLine(out, err, server).execute(args);
  }

  /** Runs {@code args} as a client: {@code serve} and {@code demo} are refused. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(
        args,
        out,
        err,
        a -> {
          throw new IllegalStateException("this command line cannot start a server");
        });
  }

  /** The parser, for inspection (tests walk every command through it). */
  public static CommandLine commandLine(
      PrintStream out, PrintStream err, Consumer<String[]> server) {
    CommandLine cli = new CommandLine(new Cli(out, err, server));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.getSubcommands().get("simulate").setUnmatchedOptionsArePositionalParams(true);
    cli.registerConverter(Duration.class, Duration::parse);
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine where = e.getCommandLine();
          where.getErr().println(e.getMessage());
          where.usage(where.getErr());
          return where.getCommandSpec().exitCodeOnInvalidInput();
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          commandLine
              .getErr()
              .println(commandLine.getCommandSpec().qualifiedName() + ": " + explain(e));
          return commandLine.getCommandSpec().exitCodeOnExecutionException();
        });
    return cli;
  }

  @Override
  public Integer call() {
    server().accept(new String[0]);
    return 0;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /** Starts the service, with the data directory made absolute first ({@link DataDirectory}). */
  Consumer<String[]> server() {
    return args -> {
      DataDirectory.makeAbsolute();
      server.accept(args);
    };
  }

  /** What went wrong, in words: the server's problem, or why the server could not be reached. */
  static String explain(Exception e) {
    if (e instanceof ApiProblemException problem) {
      StringBuilder text = new StringBuilder();
      text.append(problem.status());
      String why =
          problem.detail() == null || !problem.violations().isEmpty()
              ? problem.title()
              : problem.detail();
      if (why != null) {
        text.append(' ').append(why);
      }
      for (ApiProblemException.Violation v : problem.violations()) {
        text.append(System.lineSeparator())
            .append("  ")
            .append(v.field())
            .append(": ")
            .append(v.message());
      }
      return text.toString();
    }
    if (e instanceof CliException) {
      return e.getMessage();
    }
    return String.valueOf(e);
  }
}
