package dev.ringgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.kernel.ApiClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rollout}: moving a rollout through its rings, and watching it. */
@Command(
    name = "rollout",
    description =
        "Starts, promotes, pauses, resumes, halts, rolls back, shows and watches rollouts.",
    subcommands = {
      RolloutCommand.Start.class,
      RolloutCommand.Promote.class,
      RolloutCommand.Pause.class,
      RolloutCommand.Resume.class,
      RolloutCommand.Halt.class,
      RolloutCommand.Rollback.class,
      RolloutCommand.Show.class,
      RolloutCommand.ListAll.class,
      RolloutWatch.class
    })
final class RolloutCommand {
  @Mixin Help help;

  /** One action on a rollout: {@code POST /rollouts/{id}/{action}} with a reason. */
  abstract static class Action extends ClientCommand {
    @Parameters(paramLabel = "ROLLOUT_ID", description = "The rollout id.")
    String rollout;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
    String reason;

    abstract String action();

    void addTo(Map<String, Object> body) {}

    @Override
    protected int run(ApiClient api) {
      Map<String, Object> body = new LinkedHashMap<>();
      if (reason != null) {
        body.put("reason", reason);
      }
      addTo(body);
      JsonNode view =
          api.post("/api/v1/rollouts/" + enc(rollout) + "/" + action(), body).expect(200);
      int ring = view.path("ringIndex").asInt();
      JsonNode rings = view.path("rings");
      out()
          .printf(
              "rollout %s %s, ring %d of %d (%s)%n",
              view.path("id").asText(),
              view.path("state").asText(),
              ring + 1,
              rings.size(),
              rings.path(ring).path("name").asText());
      return 0;
    }
  }

  @Command(name = "start", description = "Starts a PENDING rollout at its first ring.")
  static final class Start extends Action {
    @Override
    String action() {
      return "start";
    }
  }

  @Command(
      name = "promote",
      description = "Moves to the next ring (or completes from the last) once the gate says PASS.")
  static final class Promote extends Action {
    @Option(
        names = "--force",
        description = "Skip WAIT (bake time, minimum devices); never a HALT verdict.")
    boolean force;

    @Override
    String action() {
      return "promote";
    }

    @Override
    void addTo(Map<String, Object> body) {
      if (force) {
        body.put("force", true);
      }
    }
  }

  @Command(name = "pause", description = "Pauses: no new devices are admitted.")
  static final class Pause extends Action {
    @Override
    String action() {
      return "pause";
    }
  }

  @Command(name = "resume", description = "Resumes a paused, halted or rolled-back rollout.")
  static final class Resume extends Action {
    @Override
    String action() {
      return "resume";
    }
  }

  @Command(name = "halt", description = "Halts: devices on the release stay, no one new gets it.")
  static final class Halt extends Action {
    @Override
    String action() {
      return "halt";
    }
  }

  @Command(
      name = "rollback",
      description = "Rolls back: devices on the release are told to return to the last good one.")
  static final class Rollback extends Action {
    @Override
    String action() {
      return "rollback";
    }
  }

  @Command(name = "show", description = "Shows a rollout's rings, figures and verdicts.")
  static final class Show extends ClientCommand {
    @Parameters(paramLabel = "ROLLOUT_ID", description = "The rollout id.")
    String rollout;

    @Option(names = "--json", description = "Print the server's JSON.")
    boolean json;

    @Override
    protected int run(ApiClient api) {
      JsonNode view = api.get("/api/v1/rollouts/" + enc(rollout)).expect(200);
      if (json) {
        printJson(view);
      } else {
        out().print(RolloutTable.render(view));
      }
      return 0;
    }
  }

  @Command(name = "list", description = "Lists a product's rollouts, newest first.")
  static final class ListAll extends ClientCommand {
    @Option(
        names = "--product",
        paramLabel = "ID",
        required = true,
        description = "The product id.")
    String product;

    @Option(names = "--state", paramLabel = "STATE", description = "Only rollouts in this state.")
    String state;

    @Option(names = "--json", description = "Print the server's JSON.")
    boolean json;

    @Override
    protected int run(ApiClient api) {
      String path = "/api/v1/products/" + enc(product) + "/rollouts";
      JsonNode list = api.get(state == null ? path : path + "?state=" + enc(state)).expect(200);
      if (json) {
        printJson(list);
        return 0;
      }
      out().printf("%-40s %-12s %-14s %s%n", "ROLLOUT", "VERSION", "STATE", "RING");
      for (JsonNode r : list) {
        int ring = r.path("ringIndex").asInt();
        out()
            .printf(
                "%-40s %-12s %-14s %s%n",
                r.path("id").asText(),
                r.path("version").asText(),
                r.path("state").asText(),
                r.path("rings").path(ring).path("name").asText(String.valueOf(ring)));
      }
      return 0;
    }
  }
}
