package dev.ringgate.cli;

import dev.ringgate.kernel.ApiClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stop} and {@code unstop}: a tenant's emergency stop, set and lifted. */
abstract class StopCommands extends ClientCommand {
  @Option(names = "--tenant", paramLabel = "ID", required = true, description = "The tenant id.")
  String tenant;

  @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why.")
  String reason;

  abstract boolean stopping();

  @Override
  protected int run(ApiClient api) {
    String path = "/api/v1/tenants/" + enc(tenant) + "/stop";
    Map<String, Object> body = Map.of("reason", reason);
    (stopping() ? api.put(path, body) : api.delete(path, body)).expect(200);
    out().println("tenant " + tenant + (stopping() ? " stopped" : " running"));
    return 0;
  }

  @Command(
      name = "stop",
      description =
          "Emergency stop: the tenant's devices are offered nothing new (rollbacks flow).")
  static final class Stop extends StopCommands {
    @Override
    boolean stopping() {
      return true;
    }
  }

  @Command(name = "unstop", description = "Lifts the tenant's emergency stop.")
  static final class Unstop extends StopCommands {
    @Override
    boolean stopping() {
      return false;
    }
  }
}
