package dev.ringgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.kernel.ApiClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code key}: API keys (operator). */
@Command(
    name = "key",
    description = "API keys for vendors, fleet admins, devices, relays and operators (operator).",
    subcommands = {KeyCommand.Create.class, KeyCommand.Revoke.class})
final class KeyCommand {
  @Mixin Help help;

  @Command(
      name = "create",
      description = {
        "Creates an API key and prints its secret: shown this once, only a hash is stored.",
        "The key's id goes to stderr (for revoke)."
      })
  static final class Create extends ClientCommand {
    @Option(
        names = "--role",
        paramLabel = "ROLE",
        required = true,
        description = "OPERATOR, VENDOR, FLEET_ADMIN, DEVICE or RELAY.")
    String role;

    @Option(names = "--vendor", paramLabel = "ID", description = "The vendor (role VENDOR).")
    String vendor;

    @Option(
        names = "--tenant",
        paramLabel = "ID",
        description = "The tenant (roles FLEET_ADMIN, DEVICE, RELAY).")
    String tenant;

    @Option(
        names = "--label",
        paramLabel = "TEXT",
        required = true,
        description = "What the key is for.")
    String label;

    @Override
    protected int run(ApiClient api) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("role", role);
      body.put("label", label);
      if (vendor != null) {
        body.put("vendorId", vendor);
      }
      if (tenant != null) {
        body.put("tenantId", tenant);
      }
      JsonNode key = api.post("/api/v1/api-keys", body).expect(201);
      out().println(key.path("key").asText());
      err().println("key id: " + key.path("id").asText());
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revokes an API key: it stops working at once.")
  static final class Revoke extends ClientCommand {
    @Parameters(paramLabel = "KEY_ID", description = "The key's id (not its secret).")
    String id;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
    String reason;

    @Override
    protected int run(ApiClient api) {
      Map<String, Object> body = new HashMap<>();
      if (reason != null) {
        body.put("reason", reason);
      }
      api.delete("/api/v1/api-keys/" + enc(id), body).expect(200, 204);
      out().println("key " + id + " revoked");
      return 0;
    }
  }
}
