package dev.ringgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.kernel.ApiClient;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rollout watch}: the ring table, refreshed until the rollout settles. On a terminal it
 * redraws in place; otherwise it prints the table each time it changes.
 */
@Command(
    name = "watch",
    description = {
      "Shows a rollout's ring table, refreshed until the rollout settles.",
      "Exit code: 0 COMPLETED, 3 HALTED or ROLLED_BACK, 1 SUPERSEDED or an error."
    })
final class RolloutWatch extends ClientCommand {
  private static final Set<String> SETTLED =
      Set.of("COMPLETED", "HALTED", "ROLLED_BACK", "SUPERSEDED");

  @Parameters(paramLabel = "ROLLOUT_ID", description = "The rollout id.")
  String rollout;

  @Option(
      names = "--interval",
      defaultValue = "3",
      paramLabel = "SECONDS",
      description = "Seconds between refreshes (default ${DEFAULT-VALUE}).")
  int interval;

  @Option(names = "--once", description = "Print the table once and exit.")
  boolean once;

  @Override
  protected int run(ApiClient api) throws InterruptedException {
    boolean terminal = System.console() != null && out() == System.out;
    String last = null;
    while (true) {
      JsonNode view = api.get("/api/v1/rollouts/" + enc(rollout)).expect(200);
      String table = RolloutTable.render(view);
      String state = view.path("state").asText();
      if (terminal) {
        out().print("\033[H\033[2J");
        out().print(table);
        if (!SETTLED.contains(state) && !once) {
          out().printf("%nRefreshed %s; every %d s, Ctrl-C to stop.%n", now(), interval);
        }
        out().flush();
      } else if (!table.equals(last)) {
        if (last != null) {
          out().println("--- " + now());
        }
        out().print(table);
        out().flush();
      }
      last = table;
      if (once || SETTLED.contains(state)) {
        return exitCode(state);
      }
      Thread.sleep(Math.max(1, interval) * 1000L);
    }
  }

  static int exitCode(String state) {
    return switch (state) {
      case "HALTED", "ROLLED_BACK" -> Cli.HALTED;
      case "SUPERSEDED" -> 1;
      default -> 0;
    };
  }

  private static String now() {
    return LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
