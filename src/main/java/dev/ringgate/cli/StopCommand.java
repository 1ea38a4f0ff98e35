package dev.ringgate.cli;

import dev.ringgate.kernel.ApiClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stop}: a tenant's emergency stop. */
@Command(
    name = "stop",
    description = "Emergency stop: the tenant's devices are offered nothing new (rollbacks flow).")
final class StopCommand extends ClientCommand {
  @Option(names = "--tenant", required = true, description = "The tenant id.")
  String tenant;

  @Option(names = "--reason", required = true, description = "Why, for the audit log.")
  String reason;

  @Override
  protected int run(ApiClient api) {
    api.put("/api/v1/tenants/" + enc(tenant) + "/stop", Map.of("reason", reason)).expect(200);
    out().println("tenant " + tenant + " stopped");
    return 0;
  }
}
