package dev.ringgate.cli;

import dev.ringgate.kernel.ApiClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unstop}: lifts a tenant's emergency stop. */
@Command(name = "unstop", description = "Lifts the tenant's emergency stop.")
final class UnstopCommand extends ClientCommand {
  @Option(names = "--tenant", required = true, description = "The tenant id.")
  String tenant;

  @Option(names = "--reason", required = true, description = "Why, for the audit log.")
  String reason;

  @Override
  protected int run(ApiClient api) {
    api.delete("/api/v1/tenants/" + enc(tenant) + "/stop", Map.of("reason", reason)).expect(200);
    out().println("tenant " + tenant + " running");
    return 0;
  }
}
