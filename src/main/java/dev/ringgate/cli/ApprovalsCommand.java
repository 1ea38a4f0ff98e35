package dev.ringgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.kernel.ApiClient;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code approvals}: a tenant's approvals of releases. */
@Command(
    name = "approvals",
    description = "Lists, approves and rejects releases waiting for the tenant's approval.",
    subcommands = {
      ApprovalsCommand.ListAll.class,
      ApprovalsCommand.Approve.class,
      ApprovalsCommand.Reject.class
    })
final class ApprovalsCommand {
  @Mixin Help help;

  @Command(name = "list", description = "Lists approvals (default: the pending ones).")
  static final class ListAll extends ClientCommand {
    @Option(names = "--tenant", paramLabel = "ID", required = true, description = "The tenant id.")
    String tenant;

    @Option(
        names = "--state",
        paramLabel = "STATE",
        defaultValue = "PENDING",
        description = "PENDING, APPROVED, REJECTED or EXPIRED (default ${DEFAULT-VALUE}).")
    String state;

    @Option(names = "--json", description = "Print the server's JSON.")
    boolean json;

    @Override
    protected int run(ApiClient api) {
      JsonNode list =
          api.get("/api/v1/tenants/" + enc(tenant) + "/approvals?state=" + enc(state)).expect(200);
      if (json) {
        printJson(list);
        return 0;
      }
      out()
          .printf(
              "%-40s %-24s %-12s %-12s %s%n", "APPROVAL", "PRODUCT", "VERSION", "GROUP", "STATE");
      for (JsonNode a : list) {
        out()
            .printf(
                "%-40s %-24s %-12s %-12s %s%n",
                a.path("id").asText(),
                a.path("productId").asText(),
                a.path("version").asText(),
                a.path("group").asText("-"),
                a.path("state").asText());
      }
      return 0;
    }
  }

  /** Approve or reject one approval. */
  abstract static class Decide extends ClientCommand {
    @Option(names = "--tenant", paramLabel = "ID", required = true, description = "The tenant id.")
    String tenant;

    @Parameters(paramLabel = "APPROVAL_ID", description = "The approval id.")
    String approval;

    abstract String decision();

    abstract String reason();

    @Override
    protected int run(ApiClient api) {
      Map<String, Object> body = new HashMap<>();
      if (reason() != null) {
        body.put("reason", reason());
      }
      JsonNode answer =
          api.post(
                  "/api/v1/tenants/"
                      + enc(tenant)
                      + "/approvals/"
                      + enc(approval)
                      + "/"
                      + decision(),
                  body)
              .expect(200);
      out().println("approval " + answer.path("id").asText() + " " + answer.path("state").asText());
      return 0;
    }
  }

  @Command(name = "approve", description = "Approves the release for the tenant (or its group).")
  static final class Approve extends Decide {
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
    String reason;

    @Override
    String decision() {
      return "approve";
    }

    @Override
    String reason() {
      return reason;
    }
  }

  @Command(name = "reject", description = "Rejects the release for the tenant (or its group).")
  static final class Reject extends Decide {
    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        required = true,
        description = "Why (required).")
    String reason;

    @Override
    String decision() {
      return "reject";
    }

    @Override
    String reason() {
      return reason;
    }
  }
}
