package dev.ringgate.cli;

import dev.ringgate.kernel.ApiClient;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Creating a vendor or a tenant: {@code POST /api/v1/<accounts>} with {@code {id, name}}. */
abstract class AccountCreate extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "The id.")
  String id;

  @Option(names = "--name", paramLabel = "NAME", description = "Its name (default: the id).")
  String name;

  /** {@code vendors} or {@code tenants}. */
  abstract String collection();

  @Override
  protected int run(ApiClient api) {
    api.post("/api/v1/" + collection(), Map.of("id", id, "name", name != null ? name : id))
        .expect(201);
    out().println(id);
    return 0;
  }
}
