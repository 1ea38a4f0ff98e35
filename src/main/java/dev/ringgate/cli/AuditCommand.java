package dev.ringgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.kernel.ApiClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit}: the hash-chained audit log (operator). */
@Command(
    name = "audit",
    description = "Exports and verifies the hash-chained audit log (operator).",
    subcommands = {AuditCommand.Export.class, AuditCommand.Verify.class})
final class AuditCommand {
  @Mixin Help help;

  @Command(name = "export", description = "Prints audit records as NDJSON, oldest first.")
  static final class Export extends ClientCommand {
    @Option(names = "--since", paramLabel = "TIME", description = "From this time (inclusive).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before this time.")
    String until;

    @Option(names = "--limit", description = "At most this many records (server default 1000).")
    Integer limit;

    @Override
    protected int run(ApiClient api) {
      List<String> query = new ArrayList<>();
      if (since != null) {
        query.add("since=" + enc(since));
      }
      if (until != null) {
        query.add("until=" + enc(until));
      }
      if (limit != null) {
        query.add("limit=" + limit);
      }
      String path = "/api/v1/audit" + (query.isEmpty() ? "" : "?" + String.join("&", query));
      out().print(api.getText(path, "application/x-ndjson"));
      out().flush();
      return 0;
    }
  }

  @Command(
      name = "verify",
      description = "Walks the chain on the server; exit code 1 when it is broken.")
  static final class Verify extends ClientCommand {
    @Override
    protected int run(ApiClient api) {
      JsonNode result = api.get("/api/v1/audit/verify").expect(200);
      if (result.path("intact").asBoolean()) {
        out()
            .println(
                "intact: "
                    + result.path("verifiedRecords").asLong()
                    + " records, head "
                    + result.path("headHash").asText());
        return 0;
      }
      out()
          .println(
              "BROKEN at seq "
                  + result.path("brokenAtSeq").asText()
                  + ": "
                  + result.path("problem").asText()
                  + " ("
                  + result.path("verifiedRecords").asLong()
                  + " records verified before it)");
      return 1;
    }
  }
}
