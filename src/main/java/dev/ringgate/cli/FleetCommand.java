package dev.ringgate.cli;

import dev.ringgate.kernel.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleet}: a tenant's fleet at a glance. */
@Command(
    name = "fleet",
    description =
        "Shows the tenant's fleet (JSON): devices, counts by version and last answer, pending"
            + " approvals, whether it is stopped.")
final class FleetCommand extends ClientCommand {
  @Option(names = "--tenant", paramLabel = "ID", required = true, description = "The tenant id.")
  String tenant;

  @Option(names = "--product", paramLabel = "ID", required = true, description = "The product id.")
  String product;

  @Override
  protected int run(ApiClient api) {
    String path = "/api/v1/tenants/" + enc(tenant) + "/fleet";
    printJson(api.get(path + "?productId=" + enc(product)).expect(200));
    return 0;
  }
}
